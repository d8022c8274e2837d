package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.SmtpSend;
import org.mtalistener.testpki.TestPki;

/**
 * TLS and AUTH on a real Payara Micro, as written in src/test/conf/listeners.conf (the Listens on Ports.STARTTLS,
 * IMPLICIT_TLS and CLIENT_CERT) with certificates the build made (target/pki): Jakarta Mail over STARTTLS with each
 * AUTH mechanism, PLAIN and LOGIN refused before TLS, relaying for authenticated users only, implicit TLS, a required
 * client certificate, and input pipelined after STARTTLS. The TLS Listens deliver to {@link SessionRecordingMdb}, so
 * the test reads what the MDB was told about each session.
 */
@ExtendWith(ArquillianExtension.class)
class TlsAuthIT {

    private static final int STARTTLS_PORT = Ports.STARTTLS;
    private static final int IMPLICIT_PORT = Ports.IMPLICIT_TLS;
    private static final int CLIENT_CERT_PORT = Ports.CLIENT_CERT;

    private static final Path PKI = Path.of(System.getProperty("it.pki"));

    /** The sample MDB with the descriptors written from listeners.conf, the TLS Listens bound to the recording MDB. */
    @Deployment(testable = false)
    static JavaArchive mdbs() {
        return SampleDeployment.withTestDescriptors(TlsAuthIT::recording).addClasses(SessionRecordingMdb.class);
    }

    /** ejb-jar.xml with the beans of the TLS Listens' ejb-class replaced by SessionRecordingMdb. */
    private static String recording(String ejbJar) {
        String result = ejbJar;
        for (int port : new int[] {STARTTLS_PORT, IMPLICIT_PORT, CLIENT_CERT_PORT}) {
            Matcher bean = Pattern.compile("(<ejb-name>SampleMailMdb-ESMTP_Listener-127\\.0\\.0\\.1-" + port
                    + "</ejb-name>\\s*<ejb-class>)org\\.mtalistener\\.sample\\.SampleMailMdb(</ejb-class>)")
                    .matcher(result);
            assertTrue(bean.find(), "the bean of Listen 127.0.0.1:" + port + " in ejb-jar.xml");
            result = bean.replaceFirst("$1" + SessionRecordingMdb.class.getName() + "$2");
        }
        return result;
    }

    private static SSLContext trusting() {
        return TestPki.clientContext(PKI, null);
    }

    /** The one stored message with {@code token}, as text. */
    private static String stored(String token) {
        List<Path> files = Mailbox.containing(token);
        assertEquals(1, files.size(), "messages stored with " + token);
        return new String(Mailbox.read(files.get(0)), StandardCharsets.UTF_8);
    }

    private static String header(String stored, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + ": ([^\r\n]*)").matcher(stored);
        assertTrue(value.find(), name + " in " + stored);
        return value.group(1);
    }

    // alice is in the clear-text store (PLAIN, CRAM-MD5), bob in the htdigest one (LOGIN, DIGEST-MD5)

    @Test
    void afterStartTlsPlainAuthenticatesAndTheUserMayRelay() throws Exception {
        authenticatesAndRelays("PLAIN", "alice", "s3cret");
    }

    @Test
    void afterStartTlsLoginAuthenticatesAgainstTheDigestStore() throws Exception {
        authenticatesAndRelays("LOGIN", "bob", "b0bpass");
    }

    @Test
    void afterStartTlsCramMd5Authenticates() throws Exception {
        authenticatesAndRelays("CRAM-MD5", "alice", "s3cret");
    }

    @Test
    void afterStartTlsDigestMd5Authenticates() throws Exception {
        authenticatesAndRelays("DIGEST-MD5", "bob", "b0bpass");
    }

    private static void authenticatesAndRelays(String mechanism, String user, String password) throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.to(STARTTLS_PORT).startTls(trusting()).login(user, password, mechanism)
                .send(simple(token), "s@client.test", "r@elsewhere.test");
        assertEquals(250, result.code(), result.reply());
        String stored = stored(token);
        assertEquals(user, header(stored, "X-Session-User"));
        assertTrue(header(stored, "X-Session-TLS").startsWith("TLSv1."), stored);
        assertTrue(stored.contains(" with ESMTPS id "), stored);
    }

    @Test
    void plainAndLoginAreNeitherOfferedNorTakenBeforeTlsEvenOnLoopback() throws Exception {
        try (Wire wire = new Wire(STARTTLS_PORT)) {
            assertTrue(wire.line().startsWith("220 starttls.localhost "));
            List<String> ehlo = wire.command("EHLO client.test");
            assertTrue(ehlo.contains("250-AUTH CRAM-MD5 DIGEST-MD5"), ehlo.toString());
            assertTrue(ehlo.contains("250 STARTTLS") || ehlo.contains("250-STARTTLS"), ehlo.toString());
            String plain = Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));
            assertTrue(wire.command("AUTH PLAIN " + plain).get(0).startsWith("538 5.7.11 "));
            assertTrue(wire.command("AUTH LOGIN").get(0).startsWith("538 5.7.11 "));
        }
        // Jakarta Mail, not told to use STARTTLS, finds no mechanism it may use
        assertThrows(MessagingException.class, () -> SmtpSend.to(STARTTLS_PORT).login("alice", "s3cret", "PLAIN")
                .send(simple(token()), "s@client.test", "r@server.test"));
    }

    @Test
    void anAnonymousClientMayNotRelayButDeliversLocally() throws Exception {
        SmtpSend.Result relay = SmtpSend.to(STARTTLS_PORT).startTls(trusting())
                .send(simple(token()), "s@client.test", "r@elsewhere.test");
        assertEquals(550, relay.code(), relay.reply());
        assertTrue(relay.reply().contains("5.7.1 relaying denied"), relay.reply());

        String token = token();
        SmtpSend.Result local = SmtpSend.to(STARTTLS_PORT).startTls(trusting())
                .send(simple(token), "s@client.test", "r@server.test");
        assertEquals(250, local.code(), local.reply());
        assertEquals("none", header(stored(token), "X-Session-User"));
    }

    @Test
    void aRelayHostPeerHasItsOwnBannerAndRelaysWithoutAuth() throws Exception {
        try (Wire wire = new Wire(STARTTLS_PORT, "127.0.0.5")) {
            assertTrue(wire.line().startsWith("220 relay.starttls.localhost "));
        }
        String token = token();
        SmtpSend.Result result = SmtpSend.to(STARTTLS_PORT).from("127.0.0.5").startTls(trusting())
                .send(simple(token), "s@client.test", "r@elsewhere.test");
        assertEquals(250, result.code(), result.reply());
    }

    @Test
    void implicitTlsDeliversWithTheTlsFacts() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.to(IMPLICIT_PORT).implicitTls(trusting())
                .send(simple(token), "s@client.test", "r@server.test");
        assertEquals(250, result.code(), result.reply());
        String stored = stored(token);
        assertTrue(header(stored, "X-Session-TLS").startsWith("TLSv1."), stored);
        assertEquals("none", header(stored, "X-Session-Client-Subject"));
        assertTrue(result.reply().startsWith("250 2.0.0 OK queued as "), result.reply());
    }

    @Test
    void aRequiredClientCertificateVerifiesReachesTheMdbAndMayRelay() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.to(CLIENT_CERT_PORT).startTls(TestPki.clientContext(PKI, "client"))
                .send(simple(token), "s@client.test", "r@elsewhere.test");
        assertEquals(250, result.code(), result.reply());
        String stored = stored(token);
        assertEquals(TestPki.CLIENT_SUBJECT, header(stored, "X-Session-Client-Subject"));
        assertEquals("none", header(stored, "X-Session-User"));
    }

    @Test
    void withoutAClientCertificateOrWithAStrangersTheHandshakeIsRefused() throws Exception {
        for (String certificate : new String[] {null, "stranger"}) {
            try (Wire wire = new Wire(CLIENT_CERT_PORT)) {
                wire.line();
                wire.command("EHLO client.test");
                assertEquals("220 2.0.0 Ready to start TLS", wire.command("STARTTLS").get(0));
                SSLSocket tls = (SSLSocket) TestPki.clientContext(PKI, certificate).getSocketFactory()
                        .createSocket(wire.socket, "localhost", CLIENT_CERT_PORT, true);
                // TLS 1.3: the client's side of the handshake ends before the server has seen its certificate; the
                // server's refusal (an alert, or the connection closed) comes with the first read, never a reply
                assertThrows(IOException.class, () -> {
                    tls.startHandshake();
                    tls.getOutputStream().write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
                    tls.getOutputStream().flush();
                    if (tls.getInputStream().read() < 0) {
                        throw new IOException("closed by the server");
                    }
                }, "a session for client certificate " + certificate);
            }
        }
        // Jakarta Mail gets no message through without one
        String token = token();
        try {
            SmtpSend.Result result = SmtpSend.to(CLIENT_CERT_PORT).startTls(trusting())
                    .send(simple(token), "s@client.test", "r@server.test");
            assertFalse(result.accepted(), result.reply());
        } catch (MessagingException expected) {
            // refused during the handshake or the EHLO after it
        }
        assertEquals(List.of(), Mailbox.containing(token));
    }

    @Test
    void commandsPipelinedAfterStartTlsAreRefusedAndTheConnectionDropped() throws Exception {
        try (Wire wire = new Wire(STARTTLS_PORT)) {
            wire.line();
            wire.command("EHLO client.test");
            wire.write("STARTTLS\r\nRSET\r\n");
            assertEquals("421 4.7.0 starttls.localhost STARTTLS refused: commands were pipelined after it, closing "
                    + "connection", wire.line());
            assertNull(wire.line(), "the connection is closed, RSET never answered");
        }
    }

    /** A raw SMTP client on a plain socket, from a chosen loopback address. */
    private static final class Wire implements AutoCloseable {

        final Socket socket = new Socket();
        private final BufferedReader in;
        private final OutputStream out;

        Wire(int port) throws IOException {
            this(port, "127.0.0.1");
        }

        Wire(int port, String from) throws IOException {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        String line() throws IOException {
            return in.readLine();
        }

        void write(String bytes) throws IOException {
            out.write(bytes.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends one command and reads its whole reply. */
        List<String> command(String command) throws IOException {
            write(command + "\r\n");
            List<String> reply = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                reply.add(line);
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    break;
                }
            }
            assertFalse(reply.isEmpty(), "a reply to " + command);
            return reply;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
