package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reject_Connections through an activation: a private listener refuses every client but its Peers' before any
 * banner (Cisco's HAT REJECT); ESMTP says why, ECStream only closes.
 */
class RejectConnectionsOnTheWireTest {

    private static final String SESSION = "EHLO client.test\r\nQUIT\r\n";

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path spill = fixture.dir();

    @Test
    void aPrivateListenerRefusesOutsidersBeforeItsBannerAndServesItsPeers() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setRejectConnections(true);
        spec.setListenPeers("Peer \"127.0.0.2\" { Reject_Connections = false }");
        ListenerActivation activation = fixture.start(spec);
        int port = ListenerFixture.port(spec);

        assertEquals(List.of("554 5.7.1 Access denied"), ListenerFixture.replies(port, "127.0.0.3", SESSION),
                "the refusal is the only line, and the connection is closed after it");
        assertEquals(1, activation.stats().snapshot().refused());
        assertEquals(0, activation.stats().snapshot().sessions());

        List<String> inside = ListenerFixture.replies(port, "127.0.0.2", SESSION);
        assertTrue(inside.get(0).startsWith("220 "), inside.toString());
    }

    @Test
    void aPeerRefusesWithItsOwnText() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setListenPeers("Peer \"127.0.0.4\" { Reject_Connections = true "
                + "Reject_Connections_Text = \"private listener; use mx.example.com\" }");
        fixture.start(spec);
        int port = ListenerFixture.port(spec);

        assertEquals(List.of("554 5.7.1 private listener; use mx.example.com"),
                ListenerFixture.replies(port, "127.0.0.4", SESSION));
        assertTrue(ListenerFixture.replies(port, "127.0.0.1", SESSION).get(0).startsWith("220 "),
                "Reject_Connections is off by default");
    }

    @Test
    void anEcstreamProducerIsClosedWithoutAWord() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setListenerType("ECStream_Listener");
        spec.setRejectConnections(true);
        ListenerActivation activation = fixture.start(spec);

        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", ListenerFixture.port(spec)), 5000);
            socket.setSoTimeout(10_000);
            assertEquals(-1, readOrReset(socket), "closed before anything is said");
        }
        assertEquals(1, activation.stats().snapshot().refused());
    }

    /** The first byte, or -1 at the end of the stream (a reset counts as the end too). */
    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
