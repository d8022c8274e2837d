package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.testpki.TestPki;

/**
 * TLS_Allow_Renegotiation on a real socket, with the JDK's client renegotiating TLS 1.2 (a second
 * {@code startHandshake}): the JDK takes it by default; false closes the connection, after STARTTLS or implicit TLS,
 * per listener and per Peer.
 */
class TlsRenegotiationOnTheWireTest {

    @TempDir
    static Path pki;
    @TempDir
    Path spill;

    private static Path serverPem;
    private static SSLContext client;

    private ListenerFixture listeners;

    @BeforeAll
    static void certificates() throws Exception {
        TestPki.Issued ca = TestPki.authority("Test CA");
        serverPem = TestPki.server(ca).writeCombined(pki.resolve("server.pem"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.certificate())));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);
    }

    @BeforeEach
    void listeners() {
        listeners = new ListenerFixture(spill);
    }

    @AfterEach
    void stop() {
        listeners.close();
    }

    @Test
    void falseClosesTheConnectionOfAClientThatRenegotiatesAfterStartTls() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setTlsCertificate(serverPem.toString());
        spec.setTlsAllowRenegotiation(false);
        ListenerActivation activation = listeners.start(spec);

        try (Socket plain = connect(ListenerFixture.port(spec), "127.0.0.1")) {
            Lines lines = new Lines(plain);
            assertTrue(lines.reply().startsWith("220 "));
            assertTrue(lines.command("EHLO client.test").endsWith("250 STARTTLS"));
            assertEquals("220 2.0.0 Ready to start TLS", lines.command("STARTTLS"));
            SSLSocket tls = tls12((SSLSocket) client.getSocketFactory().createSocket(plain, "localhost",
                    plain.getPort(), true));
            tls.startHandshake();
            lines = new Lines(tls);
            assertTrue(lines.command("EHLO client.test").startsWith("250-"));

            tls.startHandshake(); // TLS 1.2: the JDK sends a new ClientHello
            assertNull(lines.commandOrClosed("NOOP"), "the session ends instead of answering");
            ListenerFixture.await(() -> !activation.connections().iterator().hasNext());
        }
    }

    @Test
    void byDefaultTheJdkRenegotiatesAndAPeerCanSayFalse() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setTlsCertificate(serverPem.toString());
        spec.setUseSsl(true);
        spec.setListenPeers("Peer \"127.0.0.2\" { TLS_Allow_Renegotiation = false }");
        listeners.start(spec);
        int port = ListenerFixture.port(spec);

        try (SSLSocket tls = implicitTls(port, "127.0.0.1")) {
            Lines lines = new Lines(tls);
            assertTrue(lines.reply().startsWith("220 "));
            CountDownLatch renegotiated = new CountDownLatch(1);
            tls.addHandshakeCompletedListener(event -> renegotiated.countDown());
            tls.startHandshake();
            assertEquals("250 2.0.0 OK", lines.commandOrClosed("NOOP"));
            assertTrue(renegotiated.await(10, TimeUnit.SECONDS), "the second handshake completed");
            assertEquals("TLSv1.2", tls.getSession().getProtocol());
        }
        try (SSLSocket tls = implicitTls(port, "127.0.0.2")) {
            Lines lines = new Lines(tls);
            assertTrue(lines.reply().startsWith("220 "));
            tls.startHandshake();
            assertNull(lines.commandOrClosed("NOOP"), "the Peer's false closes the session");
        }
    }

    private static Socket connect(int port, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static SSLSocket implicitTls(int port, String from) throws IOException {
        Socket plain = connect(port, from);
        SSLSocket tls = tls12((SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", port, true));
        tls.startHandshake();
        return tls;
    }

    /** TLS 1.2, the last version with renegotiation. */
    private static SSLSocket tls12(SSLSocket socket) {
        socket.setUseClientMode(true);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        return socket;
    }

    /** Lines of replies on one socket. */
    private static final class Lines {
        private final InputStream in;
        private final OutputStream out;

        Lines(Socket socket) throws IOException {
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        /** The reply, or null when the server closed the connection (the JDK may report it as an exception). */
        String commandOrClosed(String line) {
            try {
                return command(line);
            } catch (IOException closed) {
                return null;
            }
        }

        /** The whole reply, lines joined with LF; null if the server closed. */
        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b != '\n') {
                    lineBytes.write(b);
                    continue;
                }
                String text = lineBytes.toString(StandardCharsets.US_ASCII);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                lineBytes.reset();
                reply.append(reply.length() == 0 ? "" : "\n").append(text);
                if (text.length() < 4 || text.charAt(3) == ' ') {
                    return reply.toString();
                }
            }
            return null;
        }
    }
}
