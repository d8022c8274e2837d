package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The library the command line and the integration tests use, against a server speaking the documented frames. */
@Timeout(30)
class ConsoleConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aCommandOverTcpAndOverAUnixSocket() throws IOException {
        try (FakeConsole tcp = FakeConsole.tcp().start();
                FakeConsole unix = FakeConsole.unix(dir.resolve("2025")).start()) {
            for (FakeConsole server : List.of(tcp, unix)) {
                try (ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
                    assertEquals("Received Messages: 0\nRejected Messages: 0\n", console.run("summary"));
                    assertEquals(FakeConsole.VERSION, console.run("version"));
                    assertEquals(ConsoleReply.UNKNOWN_COMMAND, console.run("frobnicate"));
                }
                assertEquals(List.of("summary", "version", "frobnicate"), server.requests);
            }
        }
    }

    @Test
    void aReplyOverTheTwoByteLengthComesAsLongText() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            ConsoleReply reply = console.request("big");
            assertEquals(ConsoleReply.Type.LONG_TEXT, reply.type());
            assertTrue(reply.text().length() > 65535);
            assertEquals(FakeConsole.big(), reply.text());
            assertEquals("after\n", console.run("echo after"), "the frame after a long one is read whole");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws IOException {
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).holdReplies(3).start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            assertEquals(FakeConsole.VERSION, console.run("version"));
            // The server answers none of these before it has all three: only a pipelining client gets replies.
            console.send("echo a");
            console.send("echo b");
            console.send("echo c");
            assertEquals(new ConsoleReply(ConsoleReply.Type.TEXT, "a\n"), console.receive());
            assertEquals(new ConsoleReply(ConsoleReply.Type.TEXT, "b\n"), console.receive());
            assertEquals(new ConsoleReply(ConsoleReply.Type.TEXT, "c\n"), console.receive());
        }
    }

    @Test
    void loginAnswersTheUsernameAndPasswordChallenges() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN").start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            assertEquals(new ConsoleReply(ConsoleReply.Type.AUTH_REQUIRED, "LOGIN"), console.request("whoami"));
            assertEquals(List.of("LOGIN"), console.mechanisms());
            assertEquals("Authenticated as john", console.authenticate("login", "john", "secret".toCharArray()));
            assertEquals("john", console.authenticatedAs());
            assertEquals("john\n", console.run("whoami"));
            // The exchange of docs/console.md, byte for byte.
            assertEquals(List.of("whoami", "AUTH LOGIN", "AUTH am9obg==", "AUTH c2VjcmV0", "whoami"),
                    server.requests);
        }
    }

    @Test
    void runAuthenticatesWhenAskedPreferringDigestMd5() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN", "DIGEST-MD5")
                .digestHost("127.0.0.1").start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)
                        .credentials("john", "secret".toCharArray())) {
            assertEquals("john\n", console.run("whoami"));
            assertEquals(List.of("DIGEST-MD5 john"), server.authenticated);
            assertEquals("whoami", server.requests.get(0));
            assertEquals("AUTH DIGEST-MD5", server.requests.get(1));
            assertEquals("AUTH ", server.requests.get(3), "the answer to rspauth is empty");
            assertEquals("whoami", server.requests.get(4), "the command runs again once authenticated");
        }
    }

    @Test
    void digestMd5OverAUnixSocketNamesLocalhost() throws IOException {
        // The JDK's server checks digest-uri = console/localhost.
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025"))
                .requireAuthentication("john", "secret", "DIGEST-MD5").digestHost("localhost").start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            assertEquals("Authenticated as john", console.authenticate("DIGEST-MD5", "john", "secret".toCharArray()));
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws IOException {
        for (String mechanism : List.of("LOGIN", "DIGEST-MD5")) {
            try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", mechanism).start();
                    ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)
                            .credentials("john", "guess".toCharArray())) {
                AuthenticationException e = assertThrows(AuthenticationException.class, () -> console.run("whoami"));
                assertEquals("127.0.0.1:" + server.endpoint().port() + " refused " + mechanism
                        + " authentication as john", e.getMessage());
                assertEquals(List.of(mechanism), e.mechanisms());
                assertNull(console.authenticatedAs());
                assertTrue(server.authenticated.isEmpty());
            }
        }
    }

    @Test
    void withoutCredentialsRunSaysWhatTheServerWants() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN", "DIGEST-MD5")
                .start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> console.run("summary"));
            String where = server.where();
            assertEquals(where + " wants authentication (LOGIN DIGEST-MD5) (write the endpoint as user@" + where + ")",
                    e.getMessage());
        }
    }

    @Test
    void aServerThatCannotProveItKnowsThePasswordIsCancelled() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "DIGEST-MD5")
                .forgeRspauth().start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> console.authenticate("DIGEST-MD5", "john", "secret".toCharArray()));
            assertTrue(e.getMessage().startsWith("DIGEST-MD5 as john with " + server.where() + " cancelled: "),
                    e.getMessage());
            assertEquals("AUTH *", server.requests.get(server.requests.size() - 1));
            assertTrue(server.authenticated.isEmpty());
        }
    }

    @Test
    void aCommandTooLongForItsFrameIsNotSent() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            String tooLong = "echo " + "x".repeat(65535);
            assertThrows(IllegalArgumentException.class, () -> console.run(tooLong));
            String longest = "echo " + "x".repeat(65530);
            assertEquals("x".repeat(65530) + "\n", console.run(longest));
            assertEquals(List.of(longest), server.requests);
        }
    }

    @Test
    void quitWaitsForTheServerToClose() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start()) {
            ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT);
            console.run("version");
            console.quit();
            assertEquals(List.of("version", "quit"), server.requests);
        }
    }

    @Test
    void aSessionTheServerClosedIsSeenWithoutSendingAnything() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            assertEquals(FakeConsole.VERSION, console.run("version"));
            assertFalse(console.closedByServer());
            server.closeSessions();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!console.closedByServer()) {
                assertTrue(System.nanoTime() < deadline, "the close never arrived");
                Thread.onSpinWait();
            }
            assertEquals(List.of("version"), server.requests);
            assertThrows(IOException.class, () -> console.run("version"));
        }
    }

    @Test
    void aServerThatStopsAnsweringIsATimeoutAndOneThatHangsUpAnEndOfFile() throws IOException {
        try (FakeConsole server = FakeConsole.tcp().holdReplies(2).start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), Duration.ofMillis(200))) {
            console.run("version");
            console.send("echo held");
            assertThrows(SocketTimeoutException.class, console::receive);
        }
        try (FakeConsole server = FakeConsole.tcp().start();
                ConsoleConnection console = ConsoleConnection.open(server.endpoint(), WAIT)) {
            assertEquals(server.where() + " closed the connection",
                    assertThrows(EOFException.class, () -> console.run("crash")).getMessage());
        }
    }
}
