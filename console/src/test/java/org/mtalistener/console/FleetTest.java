package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One console for the fleet: several endpoints on the command line, each a real console server on a real socket. */
@Timeout(30)
class FleetTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env = Map.of();

    @Test
    void summaryIsOneTableWithAColumnPerNodeAndTheTotal() throws IOException {
        try (FakeConsole a = FakeConsole.unix(dir.resolve("a.sock")).answering("summary", summary(
                     row("ESMTP_Listener 127.0.0.1:4025", "on", 8, 1200, 1000, 2, 3, 0, 400000)
                     + row("Control_Listener /tmp/a.sock", "on", 1, 4, 0, 0, 0, 0, 0), 9, 1000, 2, 3, "330.25", "0d 00h 05m 00s"))
                     .start();
             FakeConsole b = FakeConsole.tcp().answering("summary", summary(
                     row("ESMTP_Listener 127.0.0.1:4125", "on", 7, 900, 800, 0, 1, 0, 320000)
                     + row("ESMTP_Listener 127.0.0.1:4126", "off", 0, 10, 10, 0, 0, 0, 4000)
                     + row("Control_Listener /tmp/b.sock", "on", 1, 2, 0, 0, 0, 0, 0), 8, 810, 0, 1, "300.50", "0d 00h 02m 10s"))
                     .start()) {
            assertEquals(0, run(a.where(), b.where(), "summary"), err());

            String table = out();
            assertEquals(List.of(a.where(), b.where(), "total"),
                    List.of(table.lines().findFirst().orElseThrow().trim().split("\\s{2,}")), table);
            assertRow(table, "ESMTP_Listener", "on", "on/off");
            assertRow(table, "  Sessions", "8", "7", "15");
            assertRow(table, "  Accepted", "1000", "810", "1810");
            assertRow(table, "  Bytes", "400000", "324000", "724000");
            assertRow(table, "Control_Listener", "on", "on");
            assertRow(table, "Received Messages", "1000", "810", "1810");
            assertRow(table, "Reception Rate", "330.25/s", "300.50/s", "630.75/s");
            assertRow(table, "Uptime", "0d 00h 05m 00s", "0d 00h 02m 10s");
            assertEquals(List.of("summary"), a.requests);
            assertEquals(List.of("summary"), b.requests);
        }
    }

    @Test
    void showInboundListsEverySessionAfterItsNodeAndCountsThem() throws IOException {
        try (FakeConsole a = FakeConsole.tcp().answering("show inbound", """
                     1: [ESMTP_Listener 127.0.0.1:4025] IPv4 127.0.0.1:50001 (for 1.500s)
                     2: [Control_Listener /tmp/a.sock] unix (for 0.001s)
                     2 sessions
                     """).start();
             FakeConsole b = FakeConsole.tcp().answering("show inbound", "0 sessions\n").start()) {
            assertEquals(0, run(a.where(), b.where(), "show", "inbound"), err());

            String[] lines = out().split("\n");
            assertEquals(a.where() + "  1: [ESMTP_Listener 127.0.0.1:4025] IPv4 127.0.0.1:50001 (for 1.500s)", lines[0]);
            assertEquals(a.where() + "  2: [Control_Listener /tmp/a.sock] unix (for 0.001s)", lines[1]);
            assertEquals("", lines[2]);
            assertRow(out(), "Sessions", "2", "0", "2");
        }
    }

    @Test
    void anyOtherCommandGoesToEveryNodeWithEachAnswerShown() throws IOException {
        String set = "config set esmtp_listener enable false";
        try (FakeConsole a = FakeConsole.tcp().answering(set, "Enable = false\n").start();
             FakeConsole b = FakeConsole.unix(dir.resolve("b.sock")).start()) {
            assertEquals(1, run(a.where(), b.where(), "config", "set", "esmtp_listener", "enable", "false"),
                    "one node did not know the command");

            assertEquals(a.where() + ": Enable = false\n" + b.where() + ": " + ConsoleReply.UNKNOWN_COMMAND + "\n",
                    out());
            assertEquals(List.of(set), a.requests);
            assertEquals(List.of(set), b.requests);
        }
    }

    @Test
    void aNodeThatCannotBeReachedIsToldAndTheOthersStillAnswer() throws IOException {
        Path gone = dir.resolve("gone.sock");
        try (FakeConsole a = FakeConsole.tcp().answering("summary", summary(
                row("ESMTP_Listener 127.0.0.1:4025", "on", 1, 2, 3, 0, 0, 0, 100), 1, 3, 0, 0, "1.00", "0d 00h 00m 03s"))
                .start()) {
            assertEquals(2, run(a.where(), gone.toString(), "summary"));

            assertRow(out(), "  Accepted", "3", "3");
            assertTrue(err().startsWith("console: " + gone + ": "), err());
        }
    }

    @Test
    void aNodeThatRefusesTheSummaryIsToldAndLeftEmpty() throws IOException {
        try (FakeConsole a = FakeConsole.tcp().answering("summary", ConsoleReply.NOT_AUTHORIZED + "\n").start();
             FakeConsole b = FakeConsole.tcp().answering("summary", summary(
                     row("ESMTP_Listener 127.0.0.1:4125", "on", 1, 2, 5, 0, 0, 0, 100), 1, 5, 0, 0, "1.00",
                     "0d 00h 00m 05s")).start()) {
            assertEquals(1, run(a.where(), b.where(), "summary"));

            assertRow(out(), "  Accepted", "5", "5");
            assertEquals("console: " + a.where() + ": " + ConsoleReply.NOT_AUTHORIZED + "\n", err());
        }
    }

    @Test
    void theNodesMayComeFromAFileAndAskForPasswords() throws IOException {
        env = Map.of(ConsoleClient.PASSWORD_VARIABLE, "secret");
        try (FakeConsole a = FakeConsole.tcp().requireAuthentication("john", "secret", "DIGEST-MD5").start();
             FakeConsole b = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN").start()) {
            Path fleet = Files.writeString(dir.resolve("fleet"), "# the MX nodes\njohn@" + a.where() + "\n\n  john@"
                    + b.where() + "   # the second\n");

            assertEquals(0, run("@" + fleet, "whoami"), err());

            assertEquals(a.where() + ": john\n" + b.where() + ": john\n", out());
        }
    }

    @Test
    void theFirstWordIsAlwaysAnEndpointAndTheCommandStartsAtTheFirstWordThatIsNone() throws IOException {
        Targets targets = Targets.parse(List.of("/run/a.sock", "john@10.0.0.1:2025", "[::1]:2025", "config", "set",
                "esmtp_listener", "listen", "127.0.0.1:25", "enable", "false"));

        assertEquals(List.of(Endpoint.parse("/run/a.sock"), Endpoint.parse("john@10.0.0.1:2025"),
                Endpoint.parse("[::1]:2025")), targets.endpoints());
        assertEquals("config set esmtp_listener listen 127.0.0.1:25 enable false",
                String.join(" ", targets.command()));
        assertTrue(targets.fleet());
        assertEquals(false, Targets.parse(List.of("/tmp/2025", "summary")).fleet());
        assertThrows(IllegalArgumentException.class, () -> Targets.parse(List.of("summary")));
    }

    @Test
    void aBadLineInTheFileIsNamedByFileAndLine() throws IOException {
        Path fleet = Files.writeString(dir.resolve("fleet"), "/run/a.sock\nnode-b\n");

        assertEquals(2, run("@" + fleet, "summary"));

        assertTrue(err().startsWith("console: " + fleet + ":2: \"node-b\" is neither"), err());
    }

    @Test
    void aCommandTooLongForARequestIsSentToNoNode() throws IOException {
        try (FakeConsole a = FakeConsole.tcp().start(); FakeConsole b = FakeConsole.tcp().start()) {
            assertEquals(1, run(a.where(), b.where(), "echo", "x".repeat(70_000)));

            assertEquals("", out());
            assertTrue(err().startsWith("console: " + a.where() + ": not sent: a request holds at most 65535 bytes"),
                    err());
            assertEquals(List.of(), a.requests);
            assertEquals(List.of(), b.requests);
        }
    }

    @Test
    void severalNodesWithoutACommandIsAMistake() {
        assertEquals(2, run("/run/a.sock", "/run/b.sock"));
        assertTrue(err().startsWith("console: several consoles take a COMMAND"), err());
    }

    /** A row of the server's summary, formatted as BuiltInCommands formats it. */
    private static String row(String listener, String state, long... figures) {
        return String.format("%-40s %-8s %8d %9d %9d %9d %11d %9d %13d%n", listener, state, figures[0], figures[1],
                figures[2], figures[3], figures[4], figures[5], figures[6]);
    }

    private static String summary(String rows, int concurrency, long received, long rejected, long tempFailed,
                                  String rate, String uptime) {
        return String.format("%-40s %-8s %8s %9s %9s %9s %11s %9s %13s%n", "Listener", "State", "Sessions", "Total",
                "Accepted", "Rejected", "Temp-failed", "Refused", "Bytes") + rows + "\n"
                + "Inbound Concurrency: " + concurrency + "\n"
                + "Received Messages: " + received + "\n"
                + "Rejected Messages: " + rejected + "\n"
                + "Temp-failed Messages: " + tempFailed + "\n"
                + "Refused by the Listener: 0\n"
                + String.format(Locale.ROOT, "Reception Rate: %s/s (since 2026-12-03T12:00:00Z)%n", rate)
                + "Uptime: " + uptime + "\n";
    }

    /** The line of {@code table} whose label is {@code label} has these cells, in order, and nothing else. */
    private static void assertRow(String table, String label, String... cells) {
        String line = table.lines().filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + table));
        assertEquals(List.of(cells), List.of(line.substring(label.length()).trim().split("\\s{2,}")), table);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new ConsoleClient(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, null).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
