package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console on real sockets (Unix and TCP), running real ESMTP listeners of the same fixture. */
class ConsoleOnTheWireTest {

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path dir = fixture.dir();

    /** A console client speaking the frames of docs/console.md. */
    record Console(SocketChannel channel) implements AutoCloseable {

        static Console open(SocketAddress address) throws IOException {
            return new Console(SocketChannel.open(address));
        }

        /** Sends one request and reads its reply: "type:text". */
        String request(int type, String payload) throws IOException {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.allocate(4 + bytes.length).putShort((short) type).putShort((short) bytes.length)
                    .put(bytes).flip());
            int replyType = Short.toUnsignedInt(read(2).getShort());
            int length = replyType == 2 ? read(4).getInt() : Short.toUnsignedInt(read(2).getShort());
            return replyType + ":" + StandardCharsets.UTF_8.decode(read(length));
        }

        String run(String command) throws IOException {
            String reply = request(1, command);
            assertTrue(reply.startsWith("1:"), reply);
            return reply.substring(2);
        }

        private ByteBuffer read(int n) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new IOException("closed by the server");
                }
            }
            return buffer.flip();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private ListenerActivationSpec control(String listen) {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListenerType("Control_Listener");
        spec.setListen(listen);
        return spec;
    }

    /** Starts {@code smtp}, then a console on a Unix socket in the test's directory; returns the console's path. */
    private Path smtpAndConsole(ListenerActivationSpec smtp) throws Exception {
        fixture.start(smtp);
        Path socket = dir.resolve("console.sock");
        fixture.start(control(socket.toString()));
        return socket;
    }

    static String smtpGreeting(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void aUnixSocketClientIsItsSystemUserAndReachesTheMdbWithUnknownCommands() throws Exception {
        Path socket = dir.resolve("console.sock");
        fixture.start(control(socket.toString()));
        try (Console console = Console.open(UnixDomainSocketAddress.of(socket))) {
            assertTrue(console.run("version").startsWith("MTA Listener Adapter "));
            assertEquals(ProcessHandle.current().pid() + "\n", console.run("pid"));
            assertEquals("hello, " + System.getProperty("user.name") + "\n", console.run("hello"));
            assertEquals("Unknown command\n", console.run("frob"));
            assertTrue(console.run("help").contains("show inbound"));
        }
    }

    @Test
    void aTcpClientMustAuthenticateUnlessAlwaysAllowIsWritten() throws Exception {
        ListenerActivationSpec closed = control("127.0.0.1:" + ListenerFixture.freePort());
        java.nio.file.Files.writeString(dir.resolve("passwd"), "admin:s3cret\n");
        closed.setAuthLoginParameters("[ uri = \"file://" + dir.resolve("passwd") + "\" ]");
        fixture.start(closed);
        try (Console console = Console.open(new InetSocketAddress("127.0.0.1", ListenerFixture.port(closed)))) {
            assertEquals("4:LOGIN", console.request(1, "version"));
            assertEquals("3:" + b64("Username:"), console.request(3, "LOGIN"));
            assertEquals("3:" + b64("Password:"), console.request(3, b64("admin")));
            assertEquals("1:Authenticated as admin\n", console.request(3, b64("s3cret")));
            assertEquals("hello, admin\n", console.run("hello"));
        }

        ListenerActivationSpec open = control("127.0.0.1:" + ListenerFixture.freePort());
        open.setListenPeers("Peer \"127.0.0.1\" { Always_Allow = true }");
        fixture.start(open);
        try (Console console = Console.open(new InetSocketAddress("127.0.0.1", ListenerFixture.port(open)))) {
            assertEquals("hello, anonymous\n", console.run("hello"));
        }
    }

    @Test
    void listenerSessionsBoundTheConsoleAndALoginAfterAFailureStillWorks() throws Exception {
        ListenerActivationSpec spec = control("127.0.0.1:" + ListenerFixture.freePort());
        java.nio.file.Files.writeString(dir.resolve("passwd"), "admin:s3cret\n");
        spec.setAuthLoginParameters("[ uri = \"file://" + dir.resolve("passwd") + "\" ]");
        spec.setListenerSessions(1);
        spec.validate();
        fixture.start(spec);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", ListenerFixture.port(spec));
        try (Console first = Console.open(address)) {
            assertEquals("3:" + b64("Password:"), first.request(3, "LOGIN " + b64("admin")));
            try (Console second = Console.open(address)) {
                second.channel().socket().setSoTimeout(10_000);
                assertEquals(-1, second.channel().socket().getInputStream().read(), "over Listener_Sessions: closed");
            }
            assertEquals("4:LOGIN", first.request(3, b64("guess")));
            // the next attempt is answered after its turn (1 s; the delays are proven in ConsoleSessionTest)
            assertEquals("3:" + b64("Password:"), first.request(3, "LOGIN " + b64("admin")));
            assertEquals("1:Authenticated as admin\n", first.request(3, b64("s3cret")));
        }
    }

    @Test
    void enableFalseStopsAcceptingAtOnceWhileOpenSessionsGoOnAndTrueResumes() throws Exception {
        ListenerActivationSpec smtp = ListenerFixture.spec();
        Path socket = smtpAndConsole(smtp);
        int port = ListenerFixture.port(smtp);
        try (Console console = Console.open(UnixDomainSocketAddress.of(socket));
             Socket open = new Socket("127.0.0.1", port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(open.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("220 "));

            assertEquals("Enable = false\n",
                    console.run("config set esmtp_listener listen 127.0.0.1:" + port + " enable false"));
            ListenerFixture.await(() -> refused(port));
            OutputStream out = open.getOutputStream();
            out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(in.readLine().startsWith("250 "), "the session open before goes on");

            assertEquals("Enable = true\n", console.run("config set esmtp_listener listen 127.0.0.1:" + port
                    + " enable = true"));
            ListenerFixture.await(() -> !refused(port));
        }
    }

    private static boolean refused(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anOptionSetLiveAppliesToNewSessionsAndUnsetGoesBack() throws Exception {
        ListenerActivationSpec smtp = ListenerFixture.spec();
        smtp.setBannerHostname("deployed.test");
        Path socket = smtpAndConsole(smtp);
        int port = ListenerFixture.port(smtp);
        try (Console console = Console.open(UnixDomainSocketAddress.of(socket))) {
            String scope = "esmtp_listener listen 127.0.0.1:" + port;
            assertEquals("Banner_Hostname = live.test\n", console.run("config set " + scope + " banner_hostname live.test"));
            assertTrue(smtpGreeting(port).startsWith("220 live.test "));
            assertEquals("Banner_Hostname = live.test\n", console.run("config get " + scope + " Banner_Hostname"));
            assertEquals("Idle_Time = 300\n", console.run("config eval " + scope + " idle_time"));

            String refused = console.run("config set " + scope + " max_message_size 10MB");
            assertTrue(refused.contains("Max_Message_Size") && refused.contains("10MB"), refused);
            assertTrue(console.run("config set " + scope + " Max_Mesage_Size 1").contains("Max_Message_Size"),
                    "did you mean");

            assertEquals("\"Banner_Hostname\" has been unset. Effective value is now: deployed.test\n",
                    console.run("config unset " + scope + " banner_hostname"));
            assertTrue(smtpGreeting(port).startsWith("220 deployed.test "));
            assertTrue(console.run("config show " + scope).contains("Banner_Hostname = deployed.test"));
            assertEquals("Listen \"127.0.0.1:" + port + "\"\n  is at ESMTP_Listener::Listen:127.0.0.1:" + port
                    + ":\n", console.run("config locate listen ^127"));
        }
    }

    @Test
    void summaryCountsSessionsAndShowInboundListsThem() throws Exception {
        ListenerActivationSpec smtp = ListenerFixture.spec();
        Path socket = smtpAndConsole(smtp);
        int port = ListenerFixture.port(smtp);
        try (Console console = Console.open(UnixDomainSocketAddress.of(socket));
             Socket open = new Socket("127.0.0.1", port)) {
            new BufferedReader(new InputStreamReader(open.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            String inbound = console.run("show inbound");
            assertTrue(inbound.contains("[ESMTP_Listener 127.0.0.1:" + port + "] IPv4 127.0.0.1:" + open.getLocalPort()),
                    inbound);
            String summary = console.run("summary");
            assertTrue(summary.contains("Inbound Concurrency: 2"), summary); // the SMTP client and this console
            assertEquals("statistics cleared.\n", console.run("summary reset"));
        }
    }

    @Test
    void shutdownStopsEveryListenerAndThisSessionGoesOn() throws Exception {
        ListenerActivationSpec smtp = ListenerFixture.spec();
        Path socket = smtpAndConsole(smtp);
        try (Console console = Console.open(UnixDomainSocketAddress.of(socket))) {
            assertTrue(console.run("shutdown").startsWith("Shutdown requested by"));
            ListenerFixture.await(() -> refused(ListenerFixture.port(smtp)));
            ListenerFixture.await(() -> !java.nio.file.Files.exists(socket));
            assertTrue(console.run("summary").contains("off"));
        }
        assertThrows(IOException.class, () -> Console.open(UnixDomainSocketAddress.of(socket)).close());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
