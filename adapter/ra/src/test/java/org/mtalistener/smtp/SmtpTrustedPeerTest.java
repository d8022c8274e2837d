package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.GREETING;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.DeliveryOutcome;

/** The trusted peers' commands: XCLIENT (Postfix), XREMOTEIP, XDUMPCONTEXT and XSETCONTEXT (Momentum). */
class SmtpTrustedPeerTest {

    private static final Set<SmtpExtension> TRUSTED = EnumSet.of(SmtpExtension.XCLIENT, SmtpExtension.XREMOTEIP,
            SmtpExtension.XDUMPCONTEXT, SmtpExtension.XSETCONTEXT);
    /** Only example.com is local: anything else is relaying. */
    private static final List<String> LOCAL = List.of("example.com");
    /** The client the proxy speaks for: its Peer lets it relay and gives it context of its own. */
    private static final String NAMED = "198.51.100.9";
    private static final SmtpSettings PROXY = settings(TRUSTED, false, Map.of("mta_role", "proxy"));
    private static final SmtpSettings RELAY_PEER = settings(Set.of(), true, Map.of("peer", "relay-host"));
    private static final SmtpSettings OTHERS = settings(Set.of(), false, Map.of());

    @TempDir
    Path spill;

    private SessionHarness smtp;
    private final List<SocketAddress> looked = new ArrayList<>();

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private static SmtpSettings settings(Set<SmtpExtension> extensions, boolean mayRelay,
                                         Map<String, String> context) {
        SmtpPolicy policy = SmtpPolicy.builder().relay(new RelayRules(LOCAL, mayRelay, null)).extensions(extensions)
                .build();
        return new SmtpSettings(SessionHarness.LISTENER, SessionHarness.BANNER_HOST, SessionHarness.RECEIVED_HOST, 0,
                0, Duration.ZERO, policy, TlsSettings.NONE, context);
    }

    private SessionHarness proxy(SmtpSettings settings) {
        smtp = new SessionHarness(spill, settings, client -> {
            looked.add(client);
            return client instanceof InetSocketAddress inet && inet.getAddress() != null
                    && inet.getAddress().getHostAddress().equals(NAMED) ? RELAY_PEER : OTHERS;
        });
        return smtp;
    }

    @Test
    void noClientGetsThemUnlessItsSettingsNameThem() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("XCLIENT ADDR=" + NAMED + "\r\nXREMOTEIP " + NAMED + "\r\nXDUMPCONTEXT\r\nXSETCONTEXT a=b\r\n");
        assertEquals("500 5.5.2 unrecognized command\r\n".repeat(4), smtp.replies());
    }

    @Test
    void xclientRestartsTheSessionAsTheNamedClient() {
        proxy(PROXY).send("EHLO proxy.test\r\n");
        assertTrue(smtp.replies().endsWith("250-ENHANCEDSTATUSCODES\r\n250-XCLIENT NAME ADDR PORT PROTO HELO LOGIN DESTADDR "
                + "DESTPORT\r\n250-XREMOTEIP\r\n250-XDUMPCONTEXT\r\n250 XSETCONTEXT\r\n"));
        smtp.send("MAIL FROM:<a@proxy.test>\r\nRCPT TO:<bob@elsewhere.test>\r\nRSET\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n550 5.7.1 relaying denied\r\n250 2.0.0 OK\r\n", smtp.replies(),
                "the proxy itself may not relay");

        smtp.send("XCLIENT NAME=mail.client.test ADDR=" + NAMED + " PORT=4711 HELO=client+2Etest PROTO=SMTP\r\n"
                + "MAIL FROM:<a@client.test>\r\nEHLO proxy.test\r\n");
        String replies = smtp.replies();
        assertTrue(replies.startsWith(GREETING + "503 5.5.1 EHLO or HELO first\r\n"
                + "250-mx.example.com says EHLO to " + NAMED + "\r\n"), replies);
        assertTrue(replies.contains("250-XCLIENT"), "the proxy is still the one trusted: " + replies);
        assertEquals(List.of(new InetSocketAddress(NAMED, 4711)), looked);

        smtp.send("MAIL FROM:<a@client.test>\r\nRCPT TO:<bob@elsewhere.test>\r\nDATA\r\nhi\r\n.\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies(),
                "the named client's Peer lets it relay");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        SessionInfo session = delivery.message.session();
        assertEquals(new InetSocketAddress(NAMED, 4711), session.remoteAddress());
        assertEquals("client.test", session.heloName(), "XCLIENT's HELO, not the proxy's EHLO");
        assertEquals(Map.of("peer", "relay-host"), session.context());
        String id = delivery.message.queueId();
        assertEquals("Received: from client.test (mail.client.test [" + NAMED + "] port 4711)\r\n"
                + "\tby relay.example.com (MTA Listener Adapter) with SMTP id " + id + "\r\n"
                + "\tfor <bob@elsewhere.test>; " + SessionHarness.DATE + "\r\nhi\r\n", delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted(id));
    }

    @Test
    void xclientLoginAuthenticatesAndUnavailableValuesForget() {
        proxy(PROXY).ehlo(false);
        smtp.send("XCLIENT LOGIN=alice DESTADDR=IPV6:2001:db8::25 DESTPORT=587\r\nEHLO proxy.test\r\n"
                + "MAIL FROM:<a@proxy.test>\r\nRCPT TO:<bob@elsewhere.test>\r\nDATA\r\nhi\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals("alice", delivery.message.session().authenticatedUser(), "an authenticated client may relay");
        assertEquals(new InetSocketAddress("2001:db8::25", 587), delivery.message.session().localAddress());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        smtp.replies();

        smtp.send("XCLIENT LOGIN=[UNAVAILABLE] ADDR=[UNAVAILABLE]\r\nEHLO proxy.test\r\n"
                + "MAIL FROM:<a@proxy.test>\r\nRCPT TO:<bob@elsewhere.test>\r\n");
        String replies = smtp.replies();
        assertTrue(replies.contains("250-mx.example.com says EHLO to unknown\r\n"), replies);
        assertTrue(replies.endsWith("550 5.7.1 relaying denied\r\n"), replies);
    }

    @Test
    void badXclientChangesNothing() {
        proxy(PROXY).ehlo(false);
        smtp.send("XCLIENT\r\nXCLIENT FOO=1\r\nXCLIENT ADDR=mail.example.org\r\nXCLIENT ADDR=" + NAMED
                + " PORT=70000\r\nXCLIENT NAME=a+zz\r\nXCLIENT PROTO=LMTP\r\nXCLIENT ADDR=2001:db8::1\r\n"
                + "MAIL FROM:<a@proxy.test>\r\nXCLIENT ADDR=" + NAMED + "\r\nRCPT TO:<bob@elsewhere.test>\r\n");
        assertEquals("501 5.5.4 Syntax: XCLIENT attribute=value...\r\n"
                + "501 5.5.4 Bad XCLIENT attribute name: FOO\r\n"
                + "501 5.5.4 Bad ADDR syntax\r\n"
                + "501 5.5.4 Bad PORT syntax\r\n"
                + "501 5.5.4 Bad NAME syntax\r\n"
                + "501 5.5.4 Bad PROTO syntax\r\n"
                + "501 5.5.4 Bad ADDR syntax\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n"
                + "503 5.5.1 Error: MAIL transaction in progress\r\n"
                + "550 5.7.1 relaying denied\r\n", smtp.replies());
        assertEquals(List.of(), looked, "no attribute of a refused XCLIENT was used");
    }

    @Test
    void xremoteipNamesTheClientWithoutRestarting() {
        proxy(PROXY).ehlo(false);
        smtp.send("XREMOTEIP " + NAMED + "\r\nMAIL FROM:<a@proxy.test>\r\nRCPT TO:<bob@elsewhere.test>\r\n"
                + "XREMOTEIP 192.0.2.1\r\nRSET\r\nXREMOTEIP mail.example.org\r\n");
        assertEquals("250 2.0.0 remote address is now " + NAMED + "\r\n250 2.1.0 MAIL FROM accepted\r\n"
                + "250 2.1.5 RCPT TO accepted\r\n503 5.5.1 Error: MAIL transaction in progress\r\n"
                + "250 2.0.0 OK\r\n501 5.5.4 Syntax: XREMOTEIP address\r\n", smtp.replies());
        assertEquals(List.of(new InetSocketAddress(NAMED, SessionHarness.CLIENT.getPort())), looked);
    }

    @Test
    void xdumpcontextPrintsAsMomentumDoes() {
        proxy(settings(TRUSTED, false, Map.of()));
        smtp.send("ehlo there\r\n");
        smtp.replies();
        smtp.send("XDUMPCONTEXT\r\n");
        assertEquals("250-[connection] ehlo_domain there\r\n250-[connection] ehlo_string ehlo there\r\n"
                + "250 XDUMPCONTEXT complete\r\n", smtp.replies(), "the seed transcript's lines");
    }

    @Test
    void xsetcontextReachesLaterMessagesAndXdumpcontext() {
        proxy(PROXY).ehlo(false);
        smtp.send("XSETCONTEXT tier=gold note=a+20b\r\nXSETCONTEXT\r\nXSETCONTEXT bad=+0D+0A\r\nXSETCONTEXT =x\r\n"
                + "XDUMPCONTEXT\r\nXDUMPCONTEXT now\r\n");
        assertEquals("250 2.0.0 XSETCONTEXT complete\r\n"
                + "501 5.5.4 Syntax: XSETCONTEXT name=value...\r\n".repeat(3)
                + "250-[connection] ehlo_domain client.example.org\r\n"
                + "250-[connection] ehlo_string EHLO client.example.org\r\n"
                + "250-[connection] mta_role proxy\r\n250-[connection] tier gold\r\n250-[connection] note a b\r\n"
                + "250 XDUMPCONTEXT complete\r\n"
                + "501 5.5.4 Syntax error (no parameters allowed)\r\n", smtp.replies());
        smtp.send("MAIL FROM:<a@proxy.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nhi\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(Map.of("mta_role", "proxy", "tier", "gold", "note", "a b"),
                delivery.message.session().context());
        assertFalse(smtp.channel.config().isAutoRead());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }
}
