package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.console.AuthenticationException;
import org.mtalistener.it.Ports;
import org.mtalistener.console.ConsoleConnection;
import org.mtalistener.console.ConsoleReply;
import org.mtalistener.it.SmtpProbe;

/**
 * The console of the sample application on a real Payara Micro (listeners from src/test/conf/listeners.conf): over
 * its Unix socket as the system user, over TCP with DIGEST-MD5 and roles, and through the shipped console.jar.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final int SMTP_PORT = Ports.SAMPLE;
    private static final String TCP_CONSOLE = "127.0.0.1:" + Ports.CONSOLE;
    private static final String UNIX_CONSOLE = System.getProperty("it.consoleSocket");

    @Deployment(testable = false)
    static JavaArchive sample() {
        return SampleDeployment.withTestDescriptors();
    }

    private static ConsoleConnection unixConsole() throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> new File(UNIX_CONSOLE).exists());
        return ConsoleConnection.open(UNIX_CONSOLE);
    }

    @Test
    void theUnixSocketRunsTheBuiltInCommandsAndTheApplicationsOwn() throws Exception {
        try (ConsoleConnection console = unixConsole()) {
            String summary = console.run("summary");
            assertTrue(summary.contains("ESMTP_Listener 127.0.0.1:" + SMTP_PORT), summary);
            assertTrue(summary.contains("Control_Listener " + TCP_CONSOLE), summary);
            assertTrue(console.run("version").startsWith("MTA Listener Adapter 0."), "a version from the manifest");
            // the sample's ControlListener MDB answers what the adapter does not know
            assertTrue(console.run("maildir").matches("(?s)\\d+ messages? in .*new\\n"));
            assertEquals(ConsoleReply.UNKNOWN_COMMAND + "\n", console.run("frob"));
        }
    }

    @Test
    void enableFalseClosesTheSmtpSocketAndEnableTrueOpensItAgain() throws Exception {
        try (ConsoleConnection console = unixConsole()) {
            String scope = "config set esmtp_listener listen 127.0.0.1:" + SMTP_PORT + " enable ";
            try {
                assertEquals("Enable = false\n", console.run(scope + "false"));
                Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> refused(SMTP_PORT));
            } finally {
                assertEquals("Enable = true\n", console.run(scope + "true"));
            }
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !refused(SMTP_PORT));
            assertTrue(SmtpProbe.greetingAndEhlo(SMTP_PORT, "127.0.0.1").get(0).startsWith("220 "));
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void tcpNeedsDigestMd5AndTheRolesDecideWhatRuns() throws Exception {
        try (ConsoleConnection console = ConsoleConnection.open(TCP_CONSOLE)) {
            ConsoleReply required = console.request("summary");
            assertEquals(ConsoleReply.Type.AUTH_REQUIRED, required.type());
            assertEquals(List.of("DIGEST-MD5"), required.mechanisms());
            assertEquals("Authenticated as admin", console.authenticate("DIGEST-MD5", "admin",
                    "adminpw".toCharArray()));
            assertTrue(console.run("summary").contains("Inbound Concurrency"));
            assertEquals(ConsoleReply.NOT_AUTHORIZED + "\n", console.run("shutdown"));
        }
        try (ConsoleConnection console = ConsoleConnection.open(TCP_CONSOLE)) {
            console.authenticate("DIGEST-MD5", "guest", "guestpw".toCharArray());
            assertEquals(ConsoleReply.NOT_AUTHORIZED + "\n", console.run("summary"), "guest has no role");
        }
        try (ConsoleConnection console = ConsoleConnection.open(TCP_CONSOLE)) {
            assertThrows(AuthenticationException.class,
                    () -> console.authenticate("DIGEST-MD5", "admin", "wrong".toCharArray()));
        }
    }

    @Test
    void theShippedConsoleJarRunsOneCommand() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("it.consoleJar"), "admin@" + TCP_CONSOLE, "summary")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        // no password (no terminal, no CONSOLE_PASSWORD): refused before connecting, exit 1
        assertEquals(1, process.exitValue(), output);

        ProcessBuilder withPassword = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("it.consoleJar"), "admin@" + TCP_CONSOLE, "summary")
                .redirectErrorStream(true);
        withPassword.environment().put("CONSOLE_PASSWORD", "adminpw");
        Process ok = withPassword.start();
        ok.getOutputStream().close();
        String summary = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ok.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ok.exitValue(), summary);
        assertTrue(summary.contains("Received Messages:"), summary);
    }
}
