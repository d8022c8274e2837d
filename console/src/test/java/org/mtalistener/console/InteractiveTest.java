package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The prompt, on a JLine dumb terminal fed from a string. */
@Timeout(30)
class InteractiveTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @Test
    void aBannerWithTheVersionThenTimedPromptsUntilQuit() throws IOException {
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).start()) {
            Path history = dir.resolve("history");
            assertEquals(0, session(ConsoleConnection.open(server.endpoint(), WAIT), null, "summary\n\nquit\necho no\n",
                    history));
            String shown = screen();
            assertTrue(shown.startsWith("#".repeat(46) + "\n# MTA Listener Adapter console: " + server.where() + "\n# "
                    + FakeConsole.VERSION + "\n" + "#".repeat(46) + "\n"), shown);
            assertTrue(Pattern.compile("\\d\\d:\\d\\d:\\d\\d " + Pattern.quote(server.where()) + "> ").matcher(shown)
                    .find(), shown);
            assertTrue(shown.contains("Received Messages: 0\n"), shown);
            assertEquals(List.of("version", "summary", "quit"), server.requests);
            assertTrue(Files.readString(history).contains("summary"), "the history is kept on disk");
        }
    }

    @Test
    void theEndOfInputQuits() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            assertEquals(0, session(ConsoleConnection.open(server.endpoint(), WAIT), null, "echo a\n", null));
            assertEquals(List.of("version", "echo a", "quit"), server.requests);
        }
    }

    @Test
    void whenTheServerWantsAuthenticationTheUserAndPasswordAreAsked() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN").start()) {
            assertEquals(0, session(ConsoleConnection.open(server.endpoint(), WAIT), null,
                    "john\nsecret\nwhoami\nquit\n", null));
            String shown = screen();
            assertTrue(shown.contains("Authorization required for console session\n"), shown);
            assertTrue(shown.contains("# " + FakeConsole.VERSION), shown);
            assertTrue(shown.contains("john\n"), shown);
            assertFalse(shown.contains("secret"), "the password is not echoed: " + shown);
            assertEquals(List.of("LOGIN john"), server.authenticated);
        }
    }

    @Test
    void aSessionTheServerClosedIsOpenedAgainForTheNextCommand() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            // crash: the server hangs up without a reply; the prompt goes on, and echo runs on a new session.
            assertEquals(0, session(ConsoleConnection.open(server.endpoint(), WAIT), null, "crash\necho a\nquit\n",
                    null));
            String shown = screen();
            assertTrue(shown.contains("console: " + server.where() + " closed the connection\n"), shown);
            assertTrue(shown.contains("connecting to " + server.where() + " again"), shown);
            assertTrue(shown.contains("a\n"), shown);
            assertEquals(List.of("version", "crash", "echo a", "quit"), server.requests);
        }
    }

    private int session(ConsoleConnection connection, char[] password, String typed, Path history)
            throws IOException {
        try (connection;
                // A DumbTerminal reads its input as the line reader asks, without a pump that echoes it ahead.
                Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen,
                        StandardCharsets.UTF_8)) {
            return Interactive.run(connection, password, terminal, history);
        }
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
