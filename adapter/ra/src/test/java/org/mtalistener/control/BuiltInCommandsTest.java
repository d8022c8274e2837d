package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.mgmt.FakeListener;
import org.mtalistener.mgmt.ManagedListener;

class BuiltInCommandsTest {

    static final Instant STARTED = Instant.parse("2025-03-08T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(STARTED.plus(Duration.ofHours(26).plusMinutes(3).plusSeconds(4)),
            ZoneOffset.UTC);

    private final FakeListener smtp =
            new FakeListener("ESMTP_Listener", "127.0.0.1:2525", Clock.fixed(STARTED, ZoneOffset.UTC), Map.of(),
                    Map.of());
    private final FakeListener ecstream =
            new FakeListener("ECStream_Listener", "127.0.0.1:1825", Clock.fixed(STARTED, ZoneOffset.UTC), Map.of(),
                    Map.of());
    private final Target target = new Target(List.of(smtp, ecstream));
    private final BuiltInCommands commands = new BuiltInCommands(target, CLOCK);

    @Test
    void summaryListsEveryListenerAndAddsThemUp() {
        smtp.stats().sessionOpened();
        smtp.stats().delivered(new DeliveryOutcome.Accepted("Q1"), 1000);
        smtp.stats().delivered(new DeliveryOutcome.Rejected(550, "5.7.1", "no"), 10);
        smtp.stats().refused();
        smtp.stats().refused();
        ecstream.stats().sessionOpened();
        ecstream.stats().sessionOpened();
        ecstream.stats().sessionClosed();
        ecstream.stats().delivered(new DeliveryOutcome.Accepted("Q2"), 500);
        ecstream.stats().delivered(new DeliveryOutcome.Failed("rolled back"), 10);
        ecstream.setEnabled(false);

        String summary = run("summary");

        List<String> lines = summary.lines().toList();
        assertEquals(List.of("Listener", "State", "Sessions", "Total", "Accepted", "Rejected", "Temp-failed",
                "Refused", "Bytes"), List.of(lines.get(0).trim().split(" +")));
        assertEquals(List.of("ESMTP_Listener", "127.0.0.1:2525", "on", "1", "1", "1", "1", "0", "2", "1000"),
                List.of(lines.get(1).trim().split(" +")));
        assertEquals(List.of("ECStream_Listener", "127.0.0.1:1825", "off", "1", "2", "1", "0", "1", "0", "500"),
                List.of(lines.get(2).trim().split(" +")));
        assertEquals("""

                Inbound Concurrency: 2
                Received Messages: 2
                Rejected Messages: 1
                Temp-failed Messages: 1
                Refused by the Listener: 2
                Reception Rate: 0.00/s (since 2025-03-08T10:00:00Z)
                Uptime: 1d 02h 03m 04s
                """, String.join("\n", lines.subList(3, lines.size())) + "\n");
    }

    @Test
    void summaryResetZeroesEveryListenersCounters() {
        smtp.stats().delivered(new DeliveryOutcome.Accepted("Q1"), 1000);
        ecstream.stats().delivered(new DeliveryOutcome.Accepted("Q2"), 1000);

        assertEquals("statistics cleared.", run("summary RESET"));

        assertEquals(0, smtp.stats().snapshot().accepted());
        assertEquals(0, ecstream.stats().snapshot().accepted());
        assertTrue(run("summary").contains("Received Messages: 0\n"));
    }

    @Test
    void showInboundListsTheOpenSessionsWithTheirAge() {
        smtp.sessions.add(new ManagedListener.LiveSession("192.0.2.7:40123", CLOCK.instant().minusMillis(2500)));
        ecstream.sessions.add(new ManagedListener.LiveSession("192.0.2.8:50000", CLOCK.instant().minusSeconds(60)));

        assertEquals("""
                1: [ESMTP_Listener 127.0.0.1:2525] 192.0.2.7:40123 (for 2.500s)
                2: [ECStream_Listener 127.0.0.1:1825] 192.0.2.8:50000 (for 60.000s)
                2 sessions
                """, run("show inbound"));
        smtp.sessions.clear();
        ecstream.sessions.clear();
        assertEquals("0 sessions\n", run("show inbound"));
    }

    @Test
    void helpListsTheCommandsOrExplainsOne() {
        assertEquals(BuiltInCommands.HELP, run("help"));
        assertEquals("pid                  the server's process id\n", run("help PID"));
        assertEquals(ConfigCommand.USAGE, run("help config"));
        assertEquals("No help for frob\n", run("help frob"));
    }

    @Test
    void versionAndPidAnswerFromTheRunningAdapter() {
        assertEquals("MTA Listener Adapter (development build)", run("version"));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), run("pid"));
    }

    @Test
    void shutdownStopsEveryListenerAndSaysWhoAskedForIt() {
        String reply = run("shutdown");

        assertTrue(target.shutDown);
        assertTrue(reply.startsWith("Shutdown requested by alice: "), reply);
    }

    @Test
    void whatItDoesNotKnowIsLeftToTheConsoleMdb() {
        assertNull(run("frobnicate"));
        assertNull(run("version 2"), "version takes no argument");
        assertNull(run("summary everything"));
        assertNull(run("show outbound"));
        assertFalse(target.shutDown);
    }

    @Test
    void durationsReadAsDaysHoursMinutesSeconds() {
        assertEquals("0d 00h 00m 00s", BuiltInCommands.duration(Duration.ofSeconds(-5)));
        assertEquals("3d 04h 05m 06s", BuiltInCommands.duration(Duration.parse("P3DT4H5M6S")));
    }

    private String run(String line) {
        return commands.run(new ControlCommand(line, Words.of(line), "alice", "Control_Listener /tmp/2025",
                "/tmp/2025"));
    }

    static final class Target implements ConsoleTarget {
        private final List<ManagedListener> listeners;
        boolean shutDown;

        Target(List<ManagedListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public List<ManagedListener> listeners() {
            return listeners;
        }

        @Override
        public Instant started() {
            return STARTED;
        }

        @Override
        public void shutdown() {
            shutDown = true;
        }
    }
}
