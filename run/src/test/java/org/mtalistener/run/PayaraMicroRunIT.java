package org.mtalistener.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtalistener.it.ListeningSockets;

/**
 * The launcher behind {@code ./mvnw -Prun} as a user runs it, on Linux (it reads the sockets from /proc): two runs
 * with their own confs and HTTP ports side by side, each listening on its conf's sockets and 127.0.0.1 HTTP and
 * nothing else (no Data Grid) and ready on {@code /health/ready}, and a run whose HTTP port is taken ending at once
 * with exit 1 and the reason.
 * Ports: it.port.base + 20 … 28.
 */
class PayaraMicroRunIT {

    private static final int BASE = Integer.getInteger("it.port.base", 2600);
    private static final Path SERVER = Path.of(System.getProperty("run.server", "target/server"));
    private static final Path WORK = Path.of(System.getProperty("run.work", "target/it"));
    private static final String RUNNING = "=== MTA Listener Adapter is running";
    private static final Duration START = Duration.ofMinutes(4);

    @BeforeAll
    static void onLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads listening sockets from Linux's /proc");
    }

    @Test
    void twoRunsSideBySideListenOnlyOnTheirConfsSocketsAndLoopbackHttp() throws Exception {
        try (Launcher a = Launcher.start("a", BASE + 20, BASE + 21, BASE + 22);
             Launcher b = Launcher.start("b", BASE + 23, BASE + 24, BASE + 25)) {
            for (Launcher run : List.of(a, b)) {
                run.awaitRunning();
                assertEquals(Set.of("127.0.0.1:" + run.smtp, "127.0.0.1:" + run.ecstream, "127.0.0.1:" + run.http),
                        ListeningSockets.of(run.payaraPid()), run.name + "'s Payara Micro listens on");
                assertTrue(greeting(run.smtp).startsWith("220 "), run.name);
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + run.http + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
            }
        }
    }

    @Test
    void aTakenHttpPortEndsTheRunWithExitOneAndTheReason() throws Exception {
        int http = BASE + 26;
        try (ServerSocket taken = new ServerSocket(http, 1, InetAddress.getLoopbackAddress());
             Launcher run = Launcher.start("taken", BASE + 27, BASE + 28, http)) {
            assertTrue(run.process.waitFor(START.toSeconds(), TimeUnit.SECONDS), "the launcher ends by itself");
            assertEquals(1, run.process.exitValue());
            String log = run.log();
            assertTrue(log.contains("*** MTA Listener Adapter did NOT start"), log);
            assertTrue(log.contains("Address already in use"), log);
        }
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    /** One {@code PayaraMicroRun} with the sample MDB on its own conf, its output in {@code WORK/NAME/launcher.log}. */
    private static final class Launcher implements AutoCloseable {

        final String name;
        final int smtp;
        final int ecstream;
        final int http;
        final Process process;
        private final Path log;

        private Launcher(String name, int smtp, int ecstream, int http, Process process, Path log) {
            this.name = name;
            this.smtp = smtp;
            this.ecstream = ecstream;
            this.http = http;
            this.process = process;
            this.log = log;
        }

        static Launcher start(String name, int smtp, int ecstream, int http) throws Exception {
            Path dir = Files.createDirectories(WORK.resolve(name).toAbsolutePath());
            Path conf = Files.writeString(dir.resolve("listeners.conf"), """
                    ESMTP_Listener {
                      Listen "127.0.0.1:%d" {
                      }
                    }
                    ECStream_Listener {
                      Listen "127.0.0.1:%d" {
                      }
                    }
                    """.formatted(smtp, ecstream));
            Path mdb = sampleMdbWithDescriptorsOf(conf, dir);
            Path log = dir.resolve("launcher.log");
            Process process = new ProcessBuilder(java(), "-cp", System.getProperty("run.classes", "target/classes"),
                    PayaraMicroRun.class.getName(),
                    "--payara-micro=" + SERVER.resolve("payara-micro.jar").toAbsolutePath(),
                    "--rar=" + SERVER.resolve("mta-listener.rar").toAbsolutePath(),
                    "--mdb=" + mdb,
                    "--maildir=" + dir.resolve("maildir"),
                    "--work=" + dir,
                    "--http-port=" + http,
                    "--health=" + SERVER.resolve("mta-listener-health.war").toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Launcher(name, smtp, ecstream, http, process, log);
        }

        void awaitRunning() {
            Awaitility.await(name + " running").atMost(START).pollInterval(Duration.ofMillis(500))
                    .until(() -> log().contains(RUNNING) || !process.isAlive());
            assertTrue(log().contains(RUNNING), this::log);
        }

        long payaraPid() {
            return process.children().findFirst().orElseThrow().pid();
        }

        String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the launcher's shutdown hook stops Payara Micro
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** The sample MDB jar as built, its descriptors written from {@code conf} by the listenerconf command line. */
    private static Path sampleMdbWithDescriptorsOf(Path conf, Path dir) throws Exception {
        Path descriptors = dir.resolve("descriptors");
        Process map = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "org.mtalistener.conf.map.ListenerConf", "map", conf.toString(),
                "--mdb-class", "org.mtalistener.sample.SampleMailMdb", "--mdb-interface", "BatchMailListener",
                "--out", descriptors.toString())
                .redirectErrorStream(true).start();
        String output = new String(map.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, map.waitFor(), output);
        Path jar = dir.resolve("sample-mdb.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(SERVER.resolve("sample-mdb.jar")));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            Set<String> replaced = Set.of("META-INF/ejb-jar.xml", "META-INF/glassfish-ejb-jar.xml",
                    "META-INF/jboss-ejb3.xml");
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!replaced.contains(entry.getName())) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                }
            }
            for (String name : replaced) {
                out.putNextEntry(new ZipEntry(name));
                Files.copy(descriptors.resolve(name.substring("META-INF/".length())), out);
            }
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
