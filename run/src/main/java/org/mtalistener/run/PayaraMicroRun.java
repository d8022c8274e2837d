package org.mtalistener.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts Payara Micro in the foreground with the resource adapter deployed first (with a thread pool of its own) and
 * the MDB second, echoes its log, and exits non-zero as soon as a deployment or a listener fails.
 *
 * <pre>
 * PayaraMicroRun --payara-micro=JAR --rar=RAR --mdb=JAR --maildir=DIR --work=DIR [--http-port=8080] [--health=WAR]
 *                [--jvm-options="-Xmx1g ..."]
 * </pre>
 *
 * <p>Payara Micro's JVM gets {@link #JVM_OPTIONS} unless {@code --jvm-options} names others (blank: these).
 *
 * <p>Payara's HTTP listener binds to 127.0.0.1 only (the post-boot command file), and its Data Grid (Hazelcast) does
 * not start: it would listen on every interface and join any other Payara Micro it finds. {@code --nohazelcast} alone
 * does that; Payara Micro 6 starts the Data Grid again when {@code --nocluster} is given too.
 */
public final class PayaraMicroRun {

    static final String RAR_NAME = "mta-listener";
    private static final String DEFAULT_HTTP_PORT = "8080";
    /**
     * The JVM options of Payara Micro, chosen so the whole process stays under 512 MiB of RSS at 20 busy sessions
     * (docs/benchmarks.md): the default heap ergonomics take a quarter of the machine's memory and let the heap grow
     * to it (681 MiB of RSS at p20 on a 2-core machine); the adapter's live set is about 50 MB idle, 2.2 KB per idle
     * session and a bounded in-memory part per message (the rest spills to a file), so 256 MiB of heap leaves room
     * for 10,000 sessions and the container's bursts. G1 keeps pauses short at that size.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseG1GC");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path work = Files.createDirectories(Path.of(require(options, "work")));
        Path rar = Path.of(require(options, "rar")).toAbsolutePath();
        Path mdb = Path.of(require(options, "mdb")).toAbsolutePath();
        Path maildir = Path.of(require(options, "maildir")).toAbsolutePath();

        // Payara keeps its configuration in the root directory; a fresh one per run keeps the command files true.
        Path root = work.resolve("root");
        deleteTree(root);
        Path preboot = writeCommands(work, "preboot.txt", rar);
        Path postboot = writeCommands(work, "postboot.txt", rar);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(options.get("jvm-options")));
        command.addAll(List.of(
                "-Dsample.maildir=" + maildir,
                "-jar", require(options, "payara-micro"),
                "--nohazelcast", "--disablephonehome",
                "--port", options.getOrDefault("http-port", DEFAULT_HTTP_PORT),
                "--rootdir", root.toString(),
                "--prebootcommandfile", preboot.toString(),
                "--postbootcommandfile", postboot.toString(),
                "--deploy", mdb.toString()));
        Set<String> expected = new LinkedHashSet<>(List.of(RAR_NAME, applicationName(mdb)));
        String health = options.get("health");
        if (health != null) {
            Path war = Path.of(health).toAbsolutePath();
            command.addAll(List.of("--deploy", war.toString()));
            expected.add(applicationName(war));
        }
        Process payara = new ProcessBuilder(command).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(payara)));

        DeploymentWatch watch = new DeploymentWatch(expected);
        CompletableFuture<DeploymentWatch.State> decided = new CompletableFuture<>();
        String http = health == null ? null
                : "http://127.0.0.1:" + options.getOrDefault("http-port", DEFAULT_HTTP_PORT);
        Thread output = new Thread(() -> follow(payara, watch, decided, maildir, http), "payara-output");
        output.setDaemon(true);
        output.start();
        if (decided.get() == DeploymentWatch.State.FAILED) {
            System.err.printf("%n*** MTA Listener Adapter did NOT start: %s%n*** stopping Payara Micro%n%n",
                    watch.failure());
            System.exit(1);
        }
        System.exit(payara.waitFor());
    }

    /**
     * Copies Payara Micro's output to ours for as long as it runs; its lines go to the watch only until the start is
     * decided, so nothing a client gets into the log later is read (see {@link DeploymentWatch}).
     */
    private static void follow(Process payara, DeploymentWatch watch,
                               CompletableFuture<DeploymentWatch.State> decided, Path maildir, String http) {
        try {
            new PayaraOutput(payara.getInputStream(), System.out).copy(line -> {
                DeploymentWatch.State state = watch.accept(line);
                if (state == DeploymentWatch.State.RUNNING) {
                    System.out.printf("%n=== MTA Listener Adapter is running%n");
                    watch.listeners().forEach(l -> System.out.println("=== " + l));
                    System.out.printf("=== mail is stored in %s/new%n", maildir);
                    if (http != null) {
                        System.out.printf("=== health: %s/health/ready, metrics: %s/metrics%n", http, http);
                    }
                    System.out.printf("=== Ctrl-C stops it%n%n");
                }
                if (state != DeploymentWatch.State.STARTING) {
                    decided.complete(state);
                    return false;
                }
                return true;
            });
        } catch (IOException e) {
            // The shutdown hook closed the stream while stopping Payara Micro (Ctrl-C, SIGTERM): a normal end.
        }
        decided.complete(watch.outputEnded());
    }

    /** The JVM options of Payara Micro: those given, separated by spaces, or {@link #JVM_OPTIONS} if none are. */
    static List<String> jvmOptions(String given) {
        return given == null || given.isBlank() ? JVM_OPTIONS : List.of(given.trim().split("\\s+"));
    }

    /** Payara names an application after its file: {@code sample-mdb.jar} is {@code sample-mdb}. */
    private static String applicationName(Path archive) {
        return archive.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    private static void stop(Process payara) {
        if (payara.isAlive()) {
            payara.destroy();
            try {
                if (!payara.waitFor(60, TimeUnit.SECONDS)) {
                    payara.destroyForcibly();
                }
            } catch (InterruptedException e) {
                payara.destroyForcibly();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Writes one of the command files in the class path to {@code work}, with {@code ${rar}} filled in. */
    static Path writeCommands(Path work, String name, Path rar) throws IOException {
        try (InputStream template = PayaraMicroRun.class.getResourceAsStream(name)) {
            if (template == null) {
                throw new UncheckedIOException(new IOException("missing resource " + name));
            }
            String text = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("${rar}", rar.toString());
            return Files.writeString(work.resolve(name), text);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }
}
