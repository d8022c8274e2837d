package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;

/**
 * Connection_Check through an activation: the MDB's checkConnection is asked before the banner, its refusal is the
 * only reply, its failure a 421 4.3.0; off by default, and never asked of an MDB class that does not override it.
 */
class ConnectionCheckOnTheWireTest {

    private static final String SESSION = "EHLO client.test\r\nQUIT\r\n";

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path spill = fixture.dir();

    @Test
    void theMdbDecidesBeforeTheBanner() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setConnectionCheck(true);
        ListenerActivation activation = fixture.start(spec);
        int port = ListenerFixture.port(spec);

        List<String> accepted = ListenerFixture.replies(port, "127.0.0.1", SESSION);
        assertTrue(accepted.get(0).startsWith("220 "), accepted.toString());
        SessionInfo asked = fixture.connections.poll();
        assertEquals(Protocol.ESMTP, asked.protocol());
        assertEquals("127.0.0.1", ((InetSocketAddress) asked.remoteAddress()).getAddress().getHostAddress());
        assertNull(asked.heloName(), "asked before the client said anything");
        assertTrue(asked.listener().startsWith("ESMTP_Listener "), asked.listener());

        assertEquals(List.of("554 5.7.1 poor reputation"),
                ListenerFixture.replies(port, ListenerFixture.REFUSED_CLIENT, SESSION));
        assertEquals(List.of("421 4.3.0 Temporary failure, try again later"),
                ListenerFixture.replies(port, ListenerFixture.UNCHECKABLE_CLIENT, SESSION));
        assertEquals(0, activation.stats().snapshot().accepted());
    }

    @Test
    void offByDefaultAndAPeerCanTurnItOff() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        fixture.start(spec);
        assertTrue(ListenerFixture.replies(ListenerFixture.port(spec), ListenerFixture.REFUSED_CLIENT, SESSION)
                .get(0).startsWith("220 "));

        ListenerActivationSpec peers = ListenerFixture.spec();
        peers.setConnectionCheck(true);
        peers.setListenPeers("Peer \"" + ListenerFixture.REFUSED_CLIENT + "\" { Connection_Check = false }");
        fixture.start(peers);
        assertTrue(ListenerFixture.replies(ListenerFixture.port(peers), ListenerFixture.REFUSED_CLIENT, SESSION)
                .get(0).startsWith("220 "));
        assertTrue(fixture.connections.isEmpty(), fixture.connections.toString());
    }

    @Test
    void anMdbClassWithoutTheCheckIsNeverAsked() throws Exception {
        fixture.mdbClass = PlainMdb.class;
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setConnectionCheck(true);
        fixture.start(spec);
        assertTrue(ListenerFixture.replies(ListenerFixture.port(spec), ListenerFixture.REFUSED_CLIENT, SESSION)
                .get(0).startsWith("220 "));
        assertTrue(fixture.connections.isEmpty());
    }

    /** An MDB that takes messages and leaves connections to the listener. */
    static final class PlainMdb implements MailListener {
        @Override
        public void onMessage(InboundMessage message) {
        }
    }
}
