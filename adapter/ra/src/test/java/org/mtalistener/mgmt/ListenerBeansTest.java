package org.mtalistener.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mtalistener.delivery.DeliveryOutcome;

class ListenerBeansTest {

    private static final Instant START = Instant.parse("2025-03-08T11:21:51Z");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final MutableClock clock = new MutableClock(START);
    private final FakeListener listener =
            new FakeListener("ESMTP_Listener", "127.0.0.1:2525", clock, Map.of(), Map.of());
    private ObjectName name;

    @AfterEach
    void unregister() {
        ListenerBeans.unregister(name);
        if (name != null) {
            assertFalse(server.isRegistered(name));
        }
    }

    @Test
    void theBeanIsNamedAfterItsListenerAndShowsItsCounters() throws Exception {
        ListenerStats stats = listener.stats();
        stats.sessionOpened();
        stats.sessionOpened();
        stats.sessionClosed();
        stats.delivered(new DeliveryOutcome.Accepted("Q1"), 1200);
        stats.delivered(new DeliveryOutcome.Accepted("Q2"), 300);
        stats.delivered(new DeliveryOutcome.Rejected(550, "5.7.1", "no"), 99);
        stats.delivered(new DeliveryOutcome.Failed("rolled back"), 99);

        name = ListenerBeans.register(listener);

        assertEquals(new ObjectName("org.mtalistener:type=Listener,listener=ESMTP_Listener,listen=\"127.0.0.1:2525\""),
                name);
        assertTrue(server.isRegistered(name));
        assertEquals("ESMTP_Listener", server.getAttribute(name, "ListenerType"));
        assertEquals("127.0.0.1:2525", server.getAttribute(name, "Address"));
        assertEquals(true, server.getAttribute(name, "Enabled"));
        assertEquals(true, server.getAttribute(name, "Listening"));
        assertEquals(1, server.getAttribute(name, "CurrentSessions"));
        assertEquals(2L, server.getAttribute(name, "TotalSessions"));
        assertEquals(2L, server.getAttribute(name, "MessagesAccepted"));
        assertEquals(1L, server.getAttribute(name, "MessagesRejected"));
        assertEquals(1L, server.getAttribute(name, "MessagesTempFailed"));
        assertEquals(1500L, server.getAttribute(name, "BytesAccepted"));
        assertEquals("2025-03-08T11:21:51Z", server.getAttribute(name, "StatisticsSince"));
    }

    @Test
    void disableAndEnableSwitchTheListener() throws Exception {
        name = ListenerBeans.register(listener);

        server.invoke(name, "disable", new Object[0], new String[0]);
        assertFalse(listener.enabled());
        assertEquals(false, server.getAttribute(name, "Enabled"));
        assertEquals(false, server.getAttribute(name, "Listening"));

        server.invoke(name, "enable", new Object[0], new String[0]);
        assertTrue(listener.enabled());
        assertEquals(true, server.getAttribute(name, "Listening"));
    }

    @Test
    void resetStatisticsZeroesTheTotalsAndKeepsTheOpenSessions() throws Exception {
        ListenerStats stats = listener.stats();
        stats.sessionOpened();
        stats.delivered(new DeliveryOutcome.Accepted("Q1"), 10);
        name = ListenerBeans.register(listener);
        clock.now = START.plusSeconds(60);

        server.invoke(name, "resetStatistics", new Object[0], new String[0]);

        assertEquals(0L, server.getAttribute(name, "TotalSessions"));
        assertEquals(0L, server.getAttribute(name, "MessagesAccepted"));
        assertEquals(0L, server.getAttribute(name, "BytesAccepted"));
        assertEquals(1, server.getAttribute(name, "CurrentSessions"));
        assertEquals("2025-03-08T11:22:51Z", server.getAttribute(name, "StatisticsSince"));
    }

    @Test
    void aBeanLeftOverFromAnActivationThatDidNotStopIsReplaced() throws Exception {
        ObjectName first = ListenerBeans.register(
                new FakeListener("ESMTP_Listener", "127.0.0.1:2525", clock, Map.of(), Map.of()));
        listener.stats().sessionOpened();

        name = ListenerBeans.register(listener);

        assertNotNull(first);
        assertEquals(first, name);
        assertEquals(1L, server.getAttribute(name, "TotalSessions"));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
