package org.mtalistener.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Black-hole listening (Blackhole), for measuring and never for production mail: takes every message without calling
 * the MDB, as Cisco's black-hole listeners do. {@link Mode#DISCARD} (the non-queueing one) measures the rate at which
 * messages can be received; {@link Mode#STORE} (the queueing one) also writes each message to the spill directory
 * and forces it to disk before it is acknowledged, then deletes it, to measure the disk.
 *
 * <p>The sessions do not know: they build the Received header, count and answer as for any delivery, so the
 * figures are the listener's own. A message is acknowledged only once its content has all arrived (and, with
 * {@code store}, is on disk); a failed write is a failed delivery (4xx), as it would be for a durable store.
 */
public final class BlackholeDeliverer implements Deliverer {

    private static final Logger LOG = Logger.getLogger(BlackholeDeliverer.class.getName());

    /** What becomes of a message: the values of the Blackhole option other than {@code off}. */
    public enum Mode {
        DISCARD,
        STORE;

        /** The mode the option names, or null for {@code off}. */
        public static Mode of(String option) {
            return "off".equalsIgnoreCase(option) ? null : valueOf(option.toUpperCase(Locale.ROOT));
        }
    }

    private final Mode mode;
    private final Executor io;
    private final Path spillDir;

    /**
     * @param io       runs the writes of {@link Mode#STORE}, never on an event loop
     * @param spillDir where {@link Mode#STORE} writes each message
     */
    public BlackholeDeliverer(Mode mode, Executor io, Path spillDir) {
        this.mode = mode;
        this.io = io;
        this.spillDir = spillDir;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        // The content may still be on its way to its own spill file: nothing is taken before all of it is there.
        message.content().complete().whenComplete((stored, failure) -> {
            if (failure != null) {
                finish(message, result, new DeliveryOutcome.Failed("the content could not be stored: "
                        + failure.getMessage()));
            } else if (mode == Mode.DISCARD) {
                finish(message, result, new DeliveryOutcome.Accepted(message.queueId()));
            } else {
                try {
                    io.execute(() -> finish(message, result, store(message)));
                } catch (RejectedExecutionException e) {
                    finish(message, result, new DeliveryOutcome.Failed("cannot store the message: " + e));
                }
            }
        });
        return result;
    }

    /** Writes the message as a durable store would (forced to disk), then deletes it. Runs on the I/O executor. */
    private DeliveryOutcome store(ReceivedMessage message) {
        Path file = null;
        try {
            file = Files.createTempFile(spillDir, "blackhole-", ".msg");
            try (InputStream content = message.openContent();
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                content.transferTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            return new DeliveryOutcome.Accepted(message.queueId());
        } catch (IOException e) {
            LOG.warning(() -> message.queueId() + " not stored (Blackhole = store), the sender will retry: " + e);
            return new DeliveryOutcome.Failed("cannot store the message in " + spillDir + ": " + e);
        } finally {
            delete(file);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + file + " (Blackhole = store)", e);
        }
    }

    private static void finish(ReceivedMessage message, CompletableFuture<DeliveryOutcome> result,
                               DeliveryOutcome outcome) {
        message.content().release();
        result.complete(outcome);
    }
}
