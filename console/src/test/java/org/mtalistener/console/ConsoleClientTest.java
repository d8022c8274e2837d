package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a terminal: one-shot and batch modes, authentication, and the exit status. */
@Timeout(30)
class ConsoleClientTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";
    private Map<String, String> env = Map.of();
    private Function<String, char[]> terminal;

    @Test
    void aCommandOnTheCommandLineRunsAndExits() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            assertEquals(0, run(server.where(), "summary"));
            assertEquals("Received Messages: 0\nRejected Messages: 0\n", out());
            assertEquals(0, run(server.where(), "version"));
            assertEquals(FakeConsole.VERSION + "\n", out(), "a reply without a final line end gets one");
            assertEquals(List.of("summary", "version"), server.requests);
        }
    }

    @Test
    void theWordsAfterTheEndpointAreOneCommandQuotedWhereTheShellUnquoted() throws IOException {
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).start()) {
            assertEquals(0, run(server.where(), "echo", "config", "set", "Server_Name", "mx one"));
            assertEquals(List.of("echo config set Server_Name \"mx one\""), server.requests);
        }
    }

    @Test
    void anUnknownOrForbiddenCommandExitsWith1() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            assertEquals(1, run(server.where(), "frobnicate"));
            assertEquals("Unknown command\n", out());
            assertEquals(1, run(server.where(), "forbidden"));
            assertEquals("Not Authorized for this command\n", out());
        }
    }

    @Test
    void aLongTextReplyIsPrintedWhole() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            assertEquals(0, run(server.where(), "big"));
            assertEquals(FakeConsole.big(), out());
        }
    }

    @Test
    void withoutACommandEachLineOfStdinIsOneSentWithoutWaiting() throws IOException {
        // Commands 2-4 are answered only once all three have arrived: the batch must pipeline them.
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).holdReplies(3).start()) {
            stdin = "version\necho a\n\n  echo b  \r\necho c\n";
            assertEquals(0, run(server.where()));
            assertEquals(FakeConsole.VERSION + "\na\nb\nc\n", out());
            assertEquals(List.of("version", "echo a", "echo b", "echo c"), server.requests);
        }
    }

    @Test
    void quitEndsTheBatch() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            stdin = "echo a\nquit\necho b\n";
            assertEquals(0, run(server.where()));
            assertEquals("a\n", out());
            assertEquals(List.of("echo a", "quit"), server.requests);
            stdin = "quit\n";
            assertEquals(0, run(server.where()));
            assertEquals(0, run(server.where(), "quit"));
            assertEquals(List.of("echo a", "quit", "quit", "quit"), server.requests);
        }
    }

    @Test
    void aRefusedLineInABatchExitsWith1AfterTheRest() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            stdin = "echo a\nfrobnicate\necho b\n";
            assertEquals(1, run(server.where()));
            assertEquals("a\nUnknown command\nb\n", out());
        }
    }

    @Test
    void aConnectionLostInABatchExitsWith2() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            stdin = "echo a\ncrash\necho b\n";
            assertEquals(2, run(server.where()));
            assertEquals("a\n", out());
            // "closed the connection", or "Connection reset" when the next command's write drew a reset first.
            assertTrue(err().startsWith("console: " + server.where()), err());
        }
    }

    @Test
    void userAtEndpointTakesThePasswordFromTheEnvironment() throws IOException {
        for (String mechanism : List.of("LOGIN", "DIGEST-MD5")) {
            try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", mechanism).start()) {
                env = Map.of("CONSOLE_PASSWORD", "secret");
                stdin = "whoami\necho b\n";
                assertEquals(0, run("john@" + server.where()), err());
                assertEquals("john\nb\n", out());
                assertEquals(List.of(mechanism + " john"), server.authenticated);
            }
        }
    }

    @Test
    void onATerminalThePasswordIsAsked() throws IOException {
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).requireAuthentication("john", "secret",
                "LOGIN", "DIGEST-MD5").digestHost("localhost").start()) {
            StringBuilder asked = new StringBuilder();
            terminal = prompt -> {
                asked.append(prompt);
                return "secret".toCharArray();
            };
            assertEquals(0, run("john@" + server.where(), "whoami"), err());
            assertEquals("Password for john@" + server.where() + ": ", asked.toString());
            assertEquals(List.of("DIGEST-MD5 john"), server.authenticated);
        }
    }

    @Test
    void aRefusedPasswordExitsWith1() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "DIGEST-MD5").start()) {
            env = Map.of("CONSOLE_PASSWORD", "guess");
            stdin = "summary\nversion\n";
            assertEquals(1, run("john@" + server.where()));
            assertEquals("", out());
            assertEquals("console: " + server.where() + " refused DIGEST-MD5 authentication as john\n", err());
            assertEquals(List.of("summary"), server.requests.stream().filter(r -> !r.startsWith("AUTH")).toList(),
                    "the rest of the batch is not sent");
        }
    }

    @Test
    void authenticationWantedWithoutAUserExitsWith1() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN").start()) {
            assertEquals(1, run(server.where(), "summary"));
            assertTrue(err().contains("wants authentication (LOGIN) (write the endpoint as user@"), err());
        }
    }

    @Test
    void aUserWithNoPasswordToBeHadExitsWith1BeforeConnecting() {
        assertEquals(1, run("john@127.0.0.1:1", "summary"));
        assertEquals("console: no password for john@127.0.0.1:1: set CONSOLE_PASSWORD or run on a terminal\n",
                err());
    }

    @Test
    void aServerThatIsNotThereExitsWith2() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        assertEquals(2, run("127.0.0.1:" + closedPort, "summary"));
        assertTrue(err().startsWith("console: cannot connect to 127.0.0.1:" + closedPort + ": "), err());
        Path missing = dir.resolve("nobody-listens");
        stdin = "summary\n";
        assertEquals(2, run(missing.toString()));
        assertTrue(err().startsWith("console: cannot connect to " + missing + ": "), err());
    }

    @Test
    void anEndpointThatIsNoneExitsWith2AndTheUsage() {
        assertEquals(2, run("localhost", "summary"));
        assertTrue(err().startsWith("console: \"localhost\" is neither a socket path"), err());
        assertTrue(err().contains("usage: java -jar console.jar [ENDPOINT [COMMAND...]]"), err());
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: "), out());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new ConsoleClient(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, terminal).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
