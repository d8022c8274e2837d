package org.mtalistener.ecstream.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The injector's command line: what it sends and how it fails before sending anything. */
class InjectorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aDirectorySendsItsRegularFilesInNameOrder() throws IOException {
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.writeString(mail.resolve("b.eml"), "b");
        Files.writeString(mail.resolve("a.eml"), "a");
        Files.createDirectories(mail.resolve("sub"));
        Path single = Files.writeString(dir.resolve("c.eml"), "c");

        assertEquals(List.of(mail.resolve("a.eml"), mail.resolve("b.eml"), single),
                Injector.messageFiles(List.of(mail, single)));
    }

    @Test
    void everythingNeededIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Injector.parse(new String[] {"--server", "127.0.0.1:1825", "--from", "a@x.test", "m.eml"}));
        assertEquals("--server, --from, at least one --to and a file are needed", e.getMessage());
        assertEquals("unknown option --tls", assertThrows(IllegalArgumentException.class,
                () -> Injector.parse(new String[] {"--tls"})).getMessage());
    }

    @Test
    void aBadCommandLineExitsWith2AndTheUsage() {
        assertEquals(2, run("--server", "127.0.0.1:1825"));
        assertTrue(err().startsWith("ecstream-inject: "), err());
    }

    @Test
    void aServerThatIsNotThereExitsWith2() throws IOException {
        Path message = Files.writeString(dir.resolve("m.eml"), "Subject: x\r\n\r\ny\r\n");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        assertEquals(2, run("--server", "127.0.0.1:" + closedPort, "--from", "a@x.test", "--to", "b@y.test",
                message.toString()));
        assertTrue(err().contains("127.0.0.1:" + closedPort), err());
        assertEquals(2, run("--server", "localhost", "--from", "a@x.test", "--to", "b@y.test", message.toString()));
        assertTrue(err().contains("wants host:port or a socket path"), err());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Injector(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
