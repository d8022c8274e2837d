package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** target/console.jar as an operator runs it: its own JVM, nothing on the class path but the jar. */
@Timeout(120)
class ConsoleJarIT {

    private static final Path JAR = Path.of("target", "console.jar");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    @Test
    void batchOverAUnixSocket() throws Exception {
        try (FakeConsole server = FakeConsole.unix(dir.resolve("2025")).start()) {
            Run run = run("version\nsummary\n", Map.of(), server.where());
            assertEquals(0, run.status(), run.err());
            assertEquals(FakeConsole.VERSION + "\nReceived Messages: 0\nRejected Messages: 0\n", run.out());
        }
    }

    @Test
    void oneCommandWithDigestMd5FromTheEnvironmentAndTheExitStatuses() throws Exception {
        try (FakeConsole server = FakeConsole.tcp().requireAuthentication("john", "secret", "LOGIN", "DIGEST-MD5")
                .digestHost("127.0.0.1").start()) {
            Run run = run("", Map.of("CONSOLE_PASSWORD", "secret"), "john@" + server.where(), "whoami");
            assertEquals(0, run.status(), run.err());
            assertEquals("john\n", run.out());
            assertEquals(List.of("DIGEST-MD5 john"), server.authenticated);
            assertEquals(1, run("", Map.of("CONSOLE_PASSWORD", "secret"), "john@" + server.where(), "nope").status());
        }
        Run refused = run("", Map.of(), dir.resolve("nobody").toString(), "summary");
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("console: cannot connect to "), refused.err());
    }

    private Run run(String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().remove("CONSOLE_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "console.jar did not end");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }
}
