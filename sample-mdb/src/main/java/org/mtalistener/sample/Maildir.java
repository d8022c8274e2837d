package org.mtalistener.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A Maildir (https://cr.yp.to/proto/maildir.html): each message is written to {@code tmp/}, forced to disk, then
 * renamed into {@code new/}, so a reader never sees half a message and a stored message survives a crash.
 */
public final class Maildir {

    /** Maildir's rule: a file in {@code tmp/} untouched this long was left by a writer that died, and goes. */
    static final Duration STALE = Duration.ofHours(36);

    private static final Logger LOG = Logger.getLogger(Maildir.class.getName());

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    private final Path root;
    private final Path tmp;
    private final Path fresh;

    public Maildir(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.tmp = Files.createDirectories(this.root.resolve("tmp"));
        this.fresh = Files.createDirectories(this.root.resolve("new"));
        Files.createDirectories(this.root.resolve("cur"));
        removeStaleDrafts(Instant.now());
    }

    /**
     * Deletes what writers that died (a killed server) left in {@code tmp/}: never acknowledged, so never owed to
     * anyone. Returns how many files went.
     */
    int removeStaleDrafts(Instant now) throws IOException {
        int removed = 0;
        try (Stream<Path> drafts = Files.list(tmp)) {
            for (Path draft : (Iterable<Path>) drafts::iterator) {
                try {
                    if (Files.isRegularFile(draft)
                            && Files.getLastModifiedTime(draft).toInstant().isBefore(now.minus(STALE))
                            && Files.deleteIfExists(draft)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warning(() -> "cannot remove the stale draft " + draft + ": " + e);
                }
            }
        }
        if (removed > 0) {
            int count = removed;
            LOG.info(() -> "removed " + count + " stale drafts (older than " + STALE.toHours() + " h) from " + tmp);
        }
        return removed;
    }

    /**
     * The Maildir named by the system property {@code sample.maildir}, else the environment variable
     * {@code SAMPLE_MAILDIR}, else {@code target/maildir} under the working directory.
     */
    public static Maildir fromEnvironment() throws IOException {
        String dir = System.getProperty("sample.maildir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("SAMPLE_MAILDIR");
        }
        return new Maildir(Path.of(dir == null || dir.isBlank() ? "target/maildir" : dir));
    }

    public Path root() {
        return root;
    }

    /** The messages in {@code new/}: delivered, not yet seen by a reader (files whose name starts with a dot are not). */
    public long countNew() throws IOException {
        try (Stream<Path> files = Files.list(fresh)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)).count();
        }
    }

    /** Stores the bytes of {@code content} and returns the file in {@code new/}; only then is the message safe. */
    public Path store(InputStream content) throws IOException {
        Drafts drafts = drafts();
        drafts.write(content);
        return drafts.deliver().get(0);
    }

    /** Several messages stored together: each written and forced on its own, then all renamed with one sync. */
    public Drafts drafts() {
        return new Drafts();
    }

    /**
     * Messages written to {@code tmp/}, each forced to disk, then {@linkplain #deliver delivered} into {@code new/}
     * together: one sync of the directory for all the renames, where {@link #store} pays one per message.
     */
    public final class Drafts {

        private final List<String> names = new ArrayList<>();

        private Drafts() {
        }

        /** Writes one message to {@code tmp/} and forces it; a failure leaves no draft behind. */
        public void write(InputStream content) throws IOException {
            String name = uniqueName();
            Path draft = tmp.resolve(name);
            try (FileChannel file = FileChannel.open(draft, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(file);
                content.transferTo(out);
                file.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(draft);
                throw e;
            }
            names.add(name);
        }

        /**
         * Renames every draft written into {@code new/}, in order, and syncs the directory once; returns the files.
         * Only then are the messages safe. A failure part-way leaves the renamed ones in {@code new/}.
         */
        public List<Path> deliver() throws IOException {
            List<Path> stored = new ArrayList<>(names.size());
            for (String name : names) {
                stored.add(Files.move(tmp.resolve(name), fresh.resolve(name), StandardCopyOption.ATOMIC_MOVE));
            }
            if (!stored.isEmpty()) {
                forceDirectory(fresh);
            }
            names.clear();
            return stored;
        }
    }

    /** Makes the rename itself durable (POSIX: fsync the directory). */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private static String uniqueName() {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        return (micros / 1_000_000) + ".M" + (micros % 1_000_000) + "P" + PID + "Q" + COUNTER.incrementAndGet() + "."
                + host();
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        String host = name.contains("@") ? name.substring(name.indexOf('@') + 1) : "localhost";
        // Maildir reserves '/' and ':' in file names
        return host.replace("/", "\\057").replace(":", "\\072");
    }
}
