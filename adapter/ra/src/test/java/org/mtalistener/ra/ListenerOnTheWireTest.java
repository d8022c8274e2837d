package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real listening socket (Netty on stand-in container threads), clients connecting from different loopback
 * addresses: the most specific Peer's options apply, the rest falls back (Listen::Peer → Listener::Peer → Listen);
 * session limits count per listener, per Peer block and per service; each accepted connection gets the listener's
 * socket options.
 */
class ListenerOnTheWireTest {

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path spill = fixture.dir();

    @Test
    void theMostSpecificPeerWinsAndTheRestFallsBack() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setBannerHostname("listen.test");
        spec.setMaxMessageSize(1000);
        spec.setListenPeers("Peer \"127.0.0.2\" { Banner_Hostname = two.test }"
                + " Peer \"127.0.0.0/24\" { Max_Message_Size = 2000 }");
        spec.setListenerPeers("Peer \"127.0.0.0/8\" { Banner_Hostname = eight.test Max_Message_Size = 3000 }");
        spec.validate();
        start(spec);

        // 127.0.0.2: its /32 gives the banner, the Listen's /24 the size
        assertEquals(List.of("220 two.test", "SIZE 2000"), greetingAndSize(port, "127.0.0.2"));
        // 127.0.0.3: the /24 gives the size, the listener's /8 the banner
        assertEquals(List.of("220 eight.test", "SIZE 2000"), greetingAndSize(port, "127.0.0.3"));
        // 127.0.1.1: only the listener's /8 matches
        assertEquals(List.of("220 eight.test", "SIZE 3000"), greetingAndSize(port, "127.0.1.1"));
    }

    @Test
    void withoutAMatchingPeerTheListenSettingsApply() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setBannerHostname("listen.test");
        spec.setMaxMessageSize(1000);
        spec.setListenPeers("Peer \"10.0.0.0/8\" { Banner_Hostname = ten.test }");
        spec.validate();
        start(spec);

        assertEquals(List.of("220 listen.test", "SIZE 1000"), greetingAndSize(port, "127.0.0.5"));
    }

    @Test
    void aSilentClientIsToldOnceItsIdleTimeIsOverByItsLoopsSweep() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setBannerHostname("listen.test");
        spec.setIdleTime(1);
        spec.validate();
        start(spec);

        // no QUIT: the lines end with the session's last word and its close
        List<String> lines = ListenerFixture.replies(port, "127.0.0.2", "EHLO client.test\r\n");
        assertEquals("421 4.4.2 listen.test idle timeout exceeded, closing connection", lines.get(lines.size() - 1));
        assertEquals("220 listen.test", lines.get(0).substring(0, 15));
    }

    @Test
    void listenerSessionsAreCountedForTheListenerAndPerPeerBlock() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setListenerSessions(2);
        spec.setListenPeers("Peer \"127.0.0.2\" { Listener_Sessions = 1 }");
        spec.validate();
        start(spec);

        try (Session first = Session.open(port, "127.0.0.2"); Session other = Session.open(port, "127.0.0.3")) {
            assertTrue(first.greeting().startsWith("220 "), first.greeting());
            assertTrue(other.greeting().startsWith("220 "), other.greeting());
            // 127.0.0.2's block allows one session; the listener's budget is the others'
            assertEquals("421 4.4.5 Service unavailable, concurrency limit reached", Session.greetingOf(port, "127.0.0.2"));
            try (Session second = Session.open(port, "127.0.0.4")) {
                assertTrue(second.greeting().startsWith("220 "), second.greeting());
                assertEquals("421 4.4.5 Service unavailable, concurrency limit reached",
                        Session.greetingOf(port, "127.0.0.5"));
            }
        }
        // closed sessions give their places back
        awaitGreeting(port, "127.0.0.2");
        awaitGreeting(port, "127.0.0.5");
    }

    @Test
    void maxSessionsPerClientCountsEachAddressAndAPeerCanLiftIt() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setMaxSessionsPerClient(2);
        spec.setListenPeers("Peer \"127.0.0.4\" { Max_Sessions_Per_Client = 0 }");
        spec.validate();
        start(spec);

        try (Session a = Session.open(port, "127.0.0.2"); Session b = Session.open(port, "127.0.0.2");
             Session other = Session.open(port, "127.0.0.3")) {
            assertTrue(a.greeting().startsWith("220 ") && b.greeting().startsWith("220 "), b.greeting());
            assertTrue(other.greeting().startsWith("220 "), other.greeting());
            assertEquals("421 4.7.0 Error: too many connections from your address",
                    Session.greetingOf(port, "127.0.0.2"));
            List<Session> lifted = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    lifted.add(Session.open(port, "127.0.0.4"));
                    assertTrue(lifted.get(i).greeting().startsWith("220 "), "lifted in its Peer");
                }
            } finally {
                for (Session session : lifted) {
                    session.close();
                }
            }
        }
        awaitGreeting(port, "127.0.0.2"); // closed sessions give their places back
    }

    @Test
    void serviceSessionsCountEveryListener() throws Exception {
        int first = ListenerFixture.freePort();
        int second = ListenerFixture.freePort();
        for (int port : new int[] {first, second}) {
            ListenerActivationSpec spec = new ListenerActivationSpec();
            spec.setListen("127.0.0.1:" + port);
            spec.setServiceSessions(1);
            spec.validate();
            start(spec);
        }
        try (Session open = Session.open(first, "127.0.0.1")) {
            assertTrue(open.greeting().startsWith("220 "), open.greeting());
            assertEquals("421 4.4.5 Service unavailable, concurrency limit reached", Session.greetingOf(second, "127.0.0.1"));
        }
    }

    @Test
    void relayHostsFromTheConfDecidePerClient() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setLocalDomains("( \"example.com\" )");
        spec.setRelayHosts("( \"127.0.0.2/32\" )");
        spec.validate();
        start(spec);

        String transaction = "EHLO client.test\r\nMAIL FROM:<a@client.test>\r\nRCPT TO:<b@example.com>\r\n"
                + "RCPT TO:<c@other.org>\r\nQUIT\r\n";
        assertEquals(List.of("250 2.1.5 RCPT TO accepted", "250 2.1.5 RCPT TO accepted"),
                rcptReplies(port, "127.0.0.2", transaction));
        assertEquals(List.of("250 2.1.5 RCPT TO accepted", "550 5.7.1 relaying denied"),
                rcptReplies(port, "127.0.0.3", transaction));
    }

    @Test
    void behindAProxyTheClientItNamesIsTheClient() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setBannerHostname("listen.test");
        spec.setProxyProtocol(true);
        spec.setListenPeers("Peer \"192.0.2.9\" { Banner_Hostname = proxied.test }");
        spec.validate();
        fixture.start(spec);

        // version 1, text
        assertEquals(List.of("220 proxied.test", "250-proxied.test says EHLO to 192.0.2.9"),
                proxied(port, "PROXY TCP4 192.0.2.9 127.0.0.1 40000 25\r\n".getBytes(StandardCharsets.US_ASCII)));
        // version 2, binary: signature, PROXY command, TCP over IPv4, 12 address bytes
        byte[] v2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0x00, 0x0C,
            (byte) 192, 0, 2, 9, 127, 0, 0, 1, (byte) 0x9C, 0x40, 0x00, 0x19};
        assertEquals(List.of("220 proxied.test", "250-proxied.test says EHLO to 192.0.2.9"), proxied(port, v2));
        // no header: closed without a greeting
        assertEquals(List.of(), proxied(port, "EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The greeting's first words and the EHLO reply's first line after {@code header}; empty if closed at once. */
    private static List<String> proxied(int port, byte[] header) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(header);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            if (greeting == null) {
                return List.of();
            }
            socket.getOutputStream().write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            String[] words = greeting.split(" ");
            return List.of(words[0] + " " + words[1], in.readLine());
        }
    }

    @Test
    void unqualifiedAddressesTakeTheDomainOfTheScopeThatApplies() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setLocalDomains("( \"example.com\" )");
        spec.setDomainForUnqualifiedSenderAddress("client.test");
        spec.setDomainForUnqualifiedRecipientAddresses("example.com");
        spec.setListenPeers("Peer \"127.0.0.2\" { Domain_For_Unqualified_Recipient_Addresses = other.org }");
        start(spec);

        String transaction = "EHLO client.test\r\nMAIL FROM:<alice>\r\nRCPT TO:<bob>\r\nDATA\r\n"
                + "Subject: unqualified\r\n\r\nhi\r\n.\r\nQUIT\r\n";
        assertEquals(List.of("250 2.1.5 RCPT TO accepted"), rcptReplies(port, "127.0.0.1", transaction));
        ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
        assertEquals("alice@client.test", received.envelope().sender());
        assertEquals(List.of("bob@example.com"), received.envelope().recipients());
        // the Peer's domain makes bob someone else's, and relaying
        assertEquals(List.of("550 5.7.1 relaying denied"), rcptReplies(port, "127.0.0.2", transaction));
    }

    @Test
    void theContextOfThePeerThatAppliesReachesTheMdb() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setContext("[ client = \"ACME Inc.\" ]");
        spec.setListenPeers("Peer \"127.0.0.2\" { Context = [ client = two __bypass_spf = true ] }");
        start(spec);

        String message = "EHLO client.test\r\nMAIL FROM:<a@client.test>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
                + "Subject: context\r\n\r\nhi\r\n.\r\nQUIT\r\n";
        rcptReplies(port, "127.0.0.2", message);
        assertEquals(Map.of("client", "two", "__bypass_spf", "true"),
                fixture.received.poll(10, TimeUnit.SECONDS).session().context());
        rcptReplies(port, "127.0.0.3", message);
        assertEquals(Map.of("client", "ACME Inc."), fixture.received.poll(10, TimeUnit.SECONDS).session().context());
    }

    @Test
    void smtpExtensionsDecideWhatEachClientIsOffered() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setListenPeers("Peer \"127.0.0.2\" { SMTP_Extensions = ( \"8BITMIME\" \"XDUMPCONTEXT\" ) }");
        start(spec);

        String commands = "EHLO client.test\r\nMAIL FROM:<a@client.test>\r\nQUIT\r\n";
        List<String> listed = replies(port, "127.0.0.2", commands);
        assertTrue(listed.contains("250 MAIL FROM accepted"), "no enhanced codes: " + listed);
        assertTrue(listed.stream().noneMatch(l -> l.contains("ENHANCEDSTATUSCODES")), listed.toString());
        List<String> unset = replies(port, "127.0.0.3", commands);
        assertTrue(unset.contains("250 2.1.0 MAIL FROM accepted"), unset.toString());
        assertTrue(unset.contains("250-ENHANCEDSTATUSCODES"), unset.toString());
        assertTrue(unset.containsAll(List.of("250-CHUNKING", "250-BINARYMIME", "250 SMTPUTF8")), unset.toString());
        assertTrue(listed.stream().noneMatch(l -> l.contains("CHUNKING") || l.contains("SMTPUTF8")), listed.toString());
        assertTrue(listed.contains("250 XDUMPCONTEXT"), listed.toString());
        assertTrue(unset.stream().noneMatch(l -> l.contains("XDUMPCONTEXT")), "never on by default: " + unset);
    }

    @Test
    void xclientFromATrustedPeerServesTheNamedClientWithItsPeerSettings() throws Exception {
        int port = ListenerFixture.freePort();
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + port);
        spec.setBannerHostname("listen.test");
        spec.setListenPeers("Peer \"127.0.0.2\" { SMTP_Extensions = ( \"XCLIENT\" ) }"
                + " Peer \"192.0.2.9\" { Banner_Hostname = named.test }");
        start(spec);

        String commands = "EHLO proxy.test\r\nXCLIENT ADDR=192.0.2.9 HELO=client.test\r\nEHLO proxy.test\r\nQUIT\r\n";
        List<String> trusted = replies(port, "127.0.0.2", commands);
        assertTrue(trusted.contains("250 XCLIENT NAME ADDR PORT PROTO HELO LOGIN DESTADDR DESTPORT"), trusted.toString());
        assertTrue(trusted.stream().anyMatch(l -> l.startsWith("220 named.test ESMTP")), trusted.toString());
        assertTrue(trusted.contains("250-named.test says EHLO to 192.0.2.9"), trusted.toString());
        List<String> other = replies(port, "127.0.0.3", commands);
        assertTrue(other.contains("500 5.5.2 unrecognized command"), other.toString());
        assertTrue(other.stream().noneMatch(l -> l.contains("XCLIENT") || l.contains("named.test")), other.toString());
    }

    private static List<String> replies(int port, String from, String commands) throws IOException {
        return ListenerFixture.replies(port, from, commands);
    }

    /** Sends {@code commands} in one write from {@code from}; returns the replies to RCPT (those with 2.1.5 / 5.7.1). */
    private static List<String> rcptReplies(int port, String from, String commands) throws IOException {
        return replies(port, from, commands).stream()
                .filter(line -> line.contains("RCPT TO accepted") || line.contains("relaying denied")).toList();
    }

    /** A session gives its place back when its channel has closed, a moment after the client's close. */
    private static void awaitGreeting(int port, String from) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String greeting = Session.greetingOf(port, from);
        while (!greeting.startsWith("220 ") && System.nanoTime() < deadline) {
            greeting = Session.greetingOf(port, from);
        }
        assertTrue(greeting.startsWith("220 "), greeting);
    }

    @Test
    void theWrittenSocketOptionsAreEachAcceptedConnections() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setDisableNagleAlgorithm(false);
        spec.setTcpRecvBufferSize(12345);
        spec.setTcpSendBufferSize(23456);
        ListenerActivation activation = fixture.start(spec);

        try (Session open = Session.open(ListenerFixture.port(spec), "127.0.0.1")) {
            assertTrue(open.greeting().startsWith("220 "), open.greeting());
            ChannelConfig accepted = accepted(activation).config();
            assertEquals(false, accepted.getOption(ChannelOption.TCP_NODELAY));
            // Linux doubles a size it is given (the other half is its bookkeeping); other systems keep it
            assertTrue(Set.of(12345, 2 * 12345).contains(accepted.getOption(ChannelOption.SO_RCVBUF)),
                    "SO_RCVBUF " + accepted.getOption(ChannelOption.SO_RCVBUF));
            assertTrue(Set.of(23456, 2 * 23456).contains(accepted.getOption(ChannelOption.SO_SNDBUF)),
                    "SO_SNDBUF " + accepted.getOption(ChannelOption.SO_SNDBUF));
        }
    }

    @Test
    void byDefaultRepliesLeaveAtOnceAndTheSystemSizesTheBuffers() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        ListenerActivation activation = fixture.start(spec);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        // the sizes the system gives a connection nobody tuned, on the same interface
        try (ServerSocket plain = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, plain.getLocalPort());
             Socket untuned = plain.accept();
             Session open = Session.open(ListenerFixture.port(spec), "127.0.0.1")) {
            assertTrue(open.greeting().startsWith("220 "), open.greeting());
            Channel channel = accepted(activation);
            ChannelConfig accepted = channel.config();
            assertEquals(true, accepted.getOption(ChannelOption.TCP_NODELAY));
            // the JDK halves what Linux reports (the kernel's bookkeeping half); Netty's epoll tells it whole
            int reported = channel instanceof EpollSocketChannel ? 2 : 1;
            assertEquals(reported * untuned.getReceiveBufferSize(), accepted.getOption(ChannelOption.SO_RCVBUF));
            assertEquals(reported * untuned.getSendBufferSize(), accepted.getOption(ChannelOption.SO_SNDBUF));
        }
    }

    @Test
    void aConsoleChangeOfASocketOptionAppliesFromTheNextConnectionOn() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        ListenerActivation activation = fixture.start(spec);
        int port = ListenerFixture.port(spec);

        try (Session before = Session.open(port, "127.0.0.1")) {
            assertTrue(before.greeting().startsWith("220 "), before.greeting());
            Channel first = accepted(activation);
            activation.set("Disable_Nagle_Algorithm", "false");
            try (Session after = Session.open(port, "127.0.0.1")) {
                assertTrue(after.greeting().startsWith("220 "), after.greeting());
                ListenerFixture.await(() -> connections(activation).size() == 2);
                Channel second = connections(activation).stream().filter(ch -> ch != first).findFirst().orElseThrow();
                assertEquals(true, first.config().getOption(ChannelOption.TCP_NODELAY));
                assertEquals(false, second.config().getOption(ChannelOption.TCP_NODELAY));
            }
        }
    }

    /** The one connection the activation has accepted. */
    static Channel accepted(ListenerActivation activation) {
        ListenerFixture.await(() -> connections(activation).size() == 1);
        return connections(activation).get(0);
    }

    private static List<Channel> connections(ListenerActivation activation) {
        List<Channel> channels = new ArrayList<>();
        activation.connections().forEach(channels::add);
        return channels;
    }

    /** An open connection and its greeting. */
    private record Session(Socket socket, String greeting) implements AutoCloseable {
        static Session open(int port, String from) throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return new Session(socket, greeting);
        }

        static String greetingOf(int port, String from) throws IOException {
            try (Session session = open(port, from)) {
                return session.greeting();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private void start(ListenerActivationSpec spec) throws Exception {
        fixture.start(spec);
    }

    /** The greeting's first two words and the EHLO reply's SIZE line, for a client bound to {@code from}. */
    private static List<String> greetingAndSize(int port, String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String[] greeting = in.readLine().split(" ");
            OutputStream out = socket.getOutputStream();
            out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String size = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.substring(4).startsWith("SIZE")) {
                    size = line.substring(4);
                }
                if (line.charAt(3) == ' ') {
                    break;
                }
            }
            return List.of(greeting[0] + " " + greeting[1], String.valueOf(size));
        }
    }
}
