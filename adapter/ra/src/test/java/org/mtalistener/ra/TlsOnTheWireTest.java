package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.testpki.TestPki;

/**
 * STARTTLS and implicit TLS on a real socket with the JDK's TLS client: the handshake, the reset session, the TLS
 * facts the MDB gets, client certificates, and input pipelined after STARTTLS.
 */
class TlsOnTheWireTest {

    @TempDir
    static Path pki;
    @TempDir
    Path spill;

    private static TestPki.Issued ca;
    private static Path serverPem;
    private static Path caPem;
    private static TestPki.Issued client;
    private static TestPki.Issued stranger;

    private ListenerFixture listeners;

    @BeforeAll
    static void certificates() {
        ca = TestPki.authority("Test CA");
        serverPem = TestPki.server(ca).writeCombined(pki.resolve("server.pem"));
        caPem = ca.writeCertificate(pki.resolve("ca.pem"));
        client = TestPki.client(ca, "client.test");
        stranger = TestPki.client(TestPki.authority("Other CA"), "stranger.test");
    }

    @BeforeEach
    void listeners() {
        listeners = new ListenerFixture(spill);
    }

    @AfterEach
    void stop() {
        listeners.close();
    }

    private ListenerActivationSpec tlsSpec() throws IOException {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setBannerHostname("mx.test");
        spec.setTlsCertificate(serverPem.toString());
        return spec;
    }

    @Test
    void startTlsThenAMessageGivesTheMdbTheTlsFacts() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            assertTrue(c.reply().startsWith("220 mx.test ESMTP"));
            assertTrue(c.command("EHLO client.test").endsWith("250 STARTTLS"));
            assertEquals("220 2.0.0 Ready to start TLS", c.command("STARTTLS"));
            SSLSocket tls = c.startTls(clientContext(null));
            // A new session: MAIL needs EHLO first, and STARTTLS is neither offered nor taken again.
            assertEquals("503 5.5.1 EHLO or HELO first", c.command("MAIL FROM:<a@client.test>"));
            assertFalse(c.command("EHLO client.test").contains("STARTTLS"));
            assertEquals("503 5.5.1 TLS already active", c.command("STARTTLS"));
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            c.send("RCPT TO:<b@mx.test>", "250 2.1.5 RCPT TO accepted");
            c.send("DATA", "354 continue.  finished with \"\\r\\n.\\r\\n\"");
            assertTrue(c.command("Subject: hi\r\n\r\nover TLS\r\n.").startsWith("250 2.0.0 OK queued as "));

            ListenerFixture.Received received = listeners.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(received);
            SessionInfo.Tls facts = received.session().tls();
            assertNotNull(facts);
            assertEquals(tls.getSession().getProtocol(), facts.protocol());
            assertEquals(tls.getSession().getCipherSuite(), facts.cipherSuite());
            assertNull(facts.clientSubject());
            assertTrue(received.content().contains(" with ESMTPS id "), received.content());
        }
    }

    @Test
    void authPlainAfterStartTlsNamesTheUserToTheMdbAndLetsTheClientRelay() throws Exception {
        java.nio.file.Path passwd = java.nio.file.Files.writeString(spill.resolve("passwd"), "alice:s3cret\n");
        ListenerActivationSpec spec = tlsSpec();
        spec.setLocalDomains("( \"mx.test\" )");
        spec.setAuthPlainParameters("[ uri = \"file://" + passwd + "\" ]");
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.send("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.startTls(clientContext(null));
            assertTrue(c.command("EHLO client.test").endsWith("250 AUTH PLAIN"));
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            c.send("RCPT TO:<b@elsewhere.test>", "550 5.7.1 relaying denied");
            c.send("RSET", "250 2.0.0 OK");
            c.send("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                    "\0alice\0s3cret".getBytes(StandardCharsets.UTF_8)), "235 2.7.0 Authentication successful");
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            c.send("RCPT TO:<b@elsewhere.test>", "250 2.1.5 RCPT TO accepted");
            c.send("DATA", "354 continue.  finished with \"\\r\\n.\\r\\n\"");
            assertTrue(c.command("Subject: hi\r\n\r\nauthenticated\r\n.").startsWith("250 2.0.0 OK queued as "));

            ListenerFixture.Received received = listeners.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals("alice", received.session().authenticatedUser());
            assertNotNull(received.session().tls());
        }
    }

    @Test
    void allowPlaintextAuthFalseHoldsEvenALoopbackClientToTls() throws Exception {
        java.nio.file.Path passwd = java.nio.file.Files.writeString(spill.resolve("passwd"), "alice:s3cret\n");
        ListenerActivationSpec spec = tlsSpec();
        spec.setAuthPlainParameters("[ uri = \"file://" + passwd + "\" ]");
        spec.setAuthLoginParameters("[ uri = \"file://" + passwd + "\" ]");
        spec.setAllowPlaintextAuth(false);
        listeners.start(spec);
        String plain = "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                "\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            assertFalse(c.command("EHLO client.test").contains("AUTH"));
            assertTrue(c.command(plain).startsWith("538 5.7.11 "));
            assertTrue(c.command("AUTH LOGIN").startsWith("538 5.7.11 "));
            c.send("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.startTls(clientContext(null));
            assertTrue(c.command("EHLO client.test").endsWith("250 AUTH PLAIN LOGIN"));
            c.send(plain, "235 2.7.0 Authentication successful");
        }
    }

    @Test
    void unsetAllowPlaintextAuthLetsALoopbackClientAuthenticateBeforeTls() throws Exception {
        java.nio.file.Path passwd = java.nio.file.Files.writeString(spill.resolve("passwd"), "alice:s3cret\n");
        ListenerActivationSpec spec = tlsSpec();
        spec.setAuthPlainParameters("[ uri = \"file://" + passwd + "\" ]");
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            assertTrue(c.command("EHLO client.test").contains("AUTH PLAIN"));
            c.send("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                    "\0alice\0s3cret".getBytes(StandardCharsets.UTF_8)), "235 2.7.0 Authentication successful");
        }
    }

    @Test
    void anUnreadablePasswordStoreFailsValidationNamingTheProperty() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setAuthLoginParameters("[ uri = \"file://" + spill.resolve("absent") + "\" ]");
        jakarta.resource.spi.InvalidPropertyException e =
                assertThrows(jakarta.resource.spi.InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("authLoginParameters") && e.getMessage().contains("absent"),
                e.getMessage());
    }

    @Test
    void implicitTlsGreetsInsideTls() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setUseSsl(true);
        listeners.start(spec);
        SSLSocket socket = (SSLSocket) clientContext(null).getSocketFactory()
                .createSocket("127.0.0.1", ListenerFixture.port(spec));
        try (Client c = new Client(socket)) {
            assertTrue(c.reply().startsWith("220 mx.test ESMTP"));
            assertFalse(c.command("EHLO client.test").contains("STARTTLS"));
            c.send("QUIT", "221 2.0.0 mx.test closing connection");
        }
    }

    @Test
    void underRejectStartTlsWithPipelinedInputIsRefusedAndNothingRuns() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.write("STARTTLS\r\nRSET\r\n");
            assertEquals("421 4.7.0 mx.test STARTTLS refused: commands were pipelined after it, closing connection",
                    c.reply());
            assertNull(c.reply(), "the connection is closed, RSET got no reply");
        }
    }

    @Test
    void underIgnorePipelinedInputIsThrownAwayAndTlsWorks() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setStarttlsInjectionPolicy("ignore");
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.write("STARTTLS\r\nRSET\r\n");
            assertEquals("220 2.0.0 Ready to start TLS", c.reply());
            c.startTls(clientContext(null));
            // The first reply inside TLS is EHLO's: RSET was never answered, here or in plain text.
            assertTrue(c.command("EHLO client.test").startsWith("250-mx.test says EHLO"));
        }
    }

    @Test
    void underRequireTheVerifiedClientReachesTheMdb() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setTlsClientCa(caPem.toString());
        spec.setTlsVerifyMode("require");
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.command("STARTTLS");
            c.startTls(clientContext(client));
            c.command("EHLO client.test");
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            c.send("RCPT TO:<b@mx.test>", "250 2.1.5 RCPT TO accepted");
            c.command("DATA");
            assertTrue(c.command("Subject: hi\r\n\r\nsigned\r\n.").startsWith("250 "));
        }
        ListenerFixture.Received received = listeners.received.poll(10, TimeUnit.SECONDS);
        assertNotNull(received);
        assertEquals("CN=client.test", received.session().tls().clientSubject());
    }

    @Test
    void underRequireAClientWithoutACertificateGetsNoSession() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setTlsClientCa(caPem.toString());
        spec.setTlsVerifyMode("require");
        listeners.start(spec);
        for (TestPki.Issued who : new TestPki.Issued[] {null, stranger}) {
            try (Client c = new Client(ListenerFixture.port(spec))) {
                c.reply();
                c.command("EHLO client.test");
                c.command("STARTTLS");
                // TLS 1.3: the client may finish its side before the server refuses; the refusal shows on reading.
                assertThrows(IOException.class, () -> {
                    c.startTls(clientContext(who));
                    String reply = c.command("EHLO client.test");
                    if (reply == null) {
                        throw new IOException("closed");
                    }
                }, String.valueOf(who));
            }
        }
        assertNull(listeners.received.poll());
    }

    @Test
    void underRequireARefusedClientGetsTlsNotPlainText() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setTlsClientCa(caPem.toString());
        spec.setTlsVerifyMode("require");
        listeners.start(spec);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Socket recorded = new Socket("127.0.0.1", ListenerFixture.port(spec)) {
            @Override
            public InputStream getInputStream() throws IOException {
                InputStream in = super.getInputStream();
                return new java.io.FilterInputStream(in) {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            wire.write(b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            wire.write(buffer, offset, n);
                        }
                        return n;
                    }
                };
            }
        };
        try (Client c = new Client(recorded)) {
            c.reply();
            c.command("EHLO client.test");
            c.send("STARTTLS", "220 2.0.0 Ready to start TLS");
            assertThrows(IOException.class, () -> {
                c.startTls(clientContext(null));
                if (c.command("EHLO client.test") == null) {
                    throw new IOException("closed");
                }
            });
        }
        // The client began TLS: a plain-text 421 among the TLS records is garbage to it (OpenSSL: "wrong version
        // number" instead of the server's certificate_required alert).
        assertFalse(wire.toString(StandardCharsets.ISO_8859_1).contains("TLS Negotiation failed"));
    }

    @Test
    void aClientThatGoesOnInPlainTextAfterStartTlsGetsTheRefusalInPlainText() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.send("STARTTLS", "220 2.0.0 Ready to start TLS");
            assertEquals("421 4.7.0 TLS Negotiation failed", c.command("EHLO client.test"));
            assertNull(c.reply());
        }
    }

    @Test
    void underOptionalAnUnverifiedClientCarriesOnWithoutASubject() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setTlsClientCa(caPem.toString());
        listeners.start(spec);
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.command("STARTTLS");
            c.startTls(clientContext(stranger));
            c.command("EHLO client.test");
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            c.send("RCPT TO:<b@mx.test>", "250 2.1.5 RCPT TO accepted");
            c.command("DATA");
            assertTrue(c.command("Subject: hi\r\n\r\nunverified\r\n.").startsWith("250 "));
        }
        ListenerFixture.Received received = listeners.received.poll(10, TimeUnit.SECONDS);
        assertNotNull(received);
        assertNotNull(received.session().tls());
        assertNull(received.session().tls().clientSubject());
    }

    @Test
    void underTlsVerifiedPeerCanRelayOnlyAVerifiedClientRelays() throws Exception {
        ListenerActivationSpec spec = tlsSpec();
        spec.setTlsClientCa(caPem.toString());
        spec.setLocalDomains("( \"mx.test\" )");
        spec.setTlsVerifiedPeerCanRelay(true);
        listeners.start(spec);
        assertEquals("250 2.1.5 RCPT TO accepted", relayAttempt(spec, client));
        assertEquals("550 5.7.1 relaying denied", relayAttempt(spec, stranger), "a certificate that did not verify");

        ListenerActivationSpec off = tlsSpec();
        off.setTlsClientCa(caPem.toString());
        off.setLocalDomains("( \"mx.test\" )");
        listeners.start(off);
        assertEquals("550 5.7.1 relaying denied", relayAttempt(off, client), "TLS_Verified_Peer_Can_Relay is off");
    }

    /** The reply to a RCPT outside the local domains, after STARTTLS with {@code who}'s certificate. */
    private static String relayAttempt(ListenerActivationSpec spec, TestPki.Issued who) throws Exception {
        try (Client c = new Client(ListenerFixture.port(spec))) {
            c.reply();
            c.command("EHLO client.test");
            c.command("STARTTLS");
            c.startTls(clientContext(who));
            c.command("EHLO client.test");
            c.send("MAIL FROM:<a@client.test>", "250 2.1.0 MAIL FROM accepted");
            return c.command("RCPT TO:<b@elsewhere.test>");
        }
    }

    /** A client context that trusts the test CA and, if {@code who} is given, presents its certificate. */
    private static SSLContext clientContext(TestPki.Issued who) {
        return TestPki.clientContext(ca, who);
    }

    /** A line-at-a-time SMTP client that reads byte by byte, so nothing is read ahead across the TLS switch. */
    private static final class Client implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(int port) throws IOException {
            this(new Socket("127.0.0.1", port));
        }

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        SSLSocket startTls(SSLContext context) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost",
                    socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            return tls;
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Sends a line and returns the whole reply, lines joined with LF; null if the server closed. */
        String command(String line) throws IOException {
            write(line + "\r\n");
            return reply();
        }

        void send(String line, String expected) throws IOException {
            assertEquals(expected, command(line));
        }

        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = line();
                if (line == null) {
                    return reply.length() == 0 ? null : reply.toString();
                }
                reply.append(reply.length() == 0 ? "" : "\n").append(line);
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return reply.toString();
                }
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    String line = bytes.toString(StandardCharsets.ISO_8859_1);
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                bytes.write(b);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
