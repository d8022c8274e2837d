package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real listening socket (Netty on stand-in container threads), clients connecting from different loopback
 * addresses: the most specific Peer's options apply, the rest falls back (Listen::Peer → Listener::Peer → Listen).
 */
class PeerAclOnTheWireTest {

    @TempDir
    Path spill;

    private ListenerFixture listeners;

    @BeforeEach
    void listeners() {
        listeners = new ListenerFixture(spill);
    }

    @AfterEach
    void stop() {
        listeners.close();
    }

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

    private void start(ListenerActivationSpec spec) throws Exception {
        listeners.start(spec);
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
