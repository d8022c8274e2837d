package org.mtalistener.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {

    private static final String DATE = "Sat, 8 Mar 2025 11:21:51 -0500";

    @Test
    void ipv6ClientWithoutHeloAndOneRecipient() {
        InetSocketAddress client = new InetSocketAddress("2001:db8::7", 50000);
        assertEquals("Received: from [IPv6:2001:db8:0:0:0:0:0:7] ([IPv6:2001:db8:0:0:0:0:0:7] port 50000)\r\n"
                + "\tby mx.example.com (MTA Listener Adapter) with SMTP id Q1\r\n"
                + "\tfor <bob@example.com>; " + DATE + "\r\n",
                ReceivedHeader.format("", false, false, false, null, client, "mx.example.com", "Q1", List.of("bob@example.com"), DATE));
        assertEquals("2001:db8:0:0:0:0:0:7", ReceivedHeader.hostAddress(client));
    }

    @Test
    void severalRecipientsAreNotNamed() {
        InetSocketAddress client = new InetSocketAddress("192.0.2.7", 40123);
        assertEquals("Received: from helo.example ([192.0.2.7] port 40123)\r\n"
                + "\tby mx.example.com (MTA Listener Adapter) with ESMTP id Q2; " + DATE + "\r\n",
                ReceivedHeader.format("helo.example", true, false, false, null, client, "mx.example.com", "Q2",
                        List.of("a@example.com", "b@example.com"), DATE));
    }
}
