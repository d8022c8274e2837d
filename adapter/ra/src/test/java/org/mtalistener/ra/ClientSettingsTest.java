package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.mtalistener.smtp.SmtpSettings;

class ClientSettingsTest {

    private static ClientSettings clients() throws Exception {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:2525");
        spec.setListenPeers("Peer \"10.0.0.0/8\" { Banner_Hostname = \"ten.example.test\" "
                + "Relay_Hosts = ( \"10.1.0.0/16\" ) }");
        return ActivationConfig.of(spec).clients();
    }

    private static SmtpSettings smtp(ClientSettings clients, String address) {
        return clients.forClient(new InetSocketAddress(address, 40000)).smtp();
    }

    @Test
    void clientsWithTheSamePeersShareOneSetOfSettings() throws Exception {
        ClientSettings clients = clients();
        SmtpSettings first = smtp(clients, "10.2.0.1");
        assertSame(first, smtp(clients, "10.2.0.2"));
        assertEquals("ten.example.test", first.bannerHostname());
        assertSame(smtp(clients, "192.0.2.1"), smtp(clients, "198.51.100.7"));
        assertNotSame(first, smtp(clients, "192.0.2.1"));
    }

    @Test
    void whatDependsOnTheAddressItselfIsNotShared() throws Exception {
        ClientSettings clients = clients();
        SmtpSettings relaying = smtp(clients, "10.1.2.3");
        SmtpSettings notRelaying = smtp(clients, "10.2.2.3");
        assertTrue(relaying.policy().relay().clientMayRelay());
        assertFalse(notRelaying.policy().relay().clientMayRelay());
        assertEquals(relaying.bannerHostname(), notRelaying.bannerHostname());

        assertTrue(smtp(clients, "127.0.0.1").auth().plaintextAllowed());
        assertFalse(smtp(clients, "192.0.2.1").auth().plaintextAllowed());
    }
}
