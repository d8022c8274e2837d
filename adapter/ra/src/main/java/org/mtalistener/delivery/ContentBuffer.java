package org.mtalistener.delivery;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The content of one message while it is received and delivered: the first {@code memoryLimit} bytes in memory,
 * the rest in a temporary file, so no message is ever held whole in heap.
 *
 * <p>{@link #append} runs on the event loop and never touches the disk: bytes past the memory part are queued to
 * a writer that runs on the I/O executor, one write after the other. When too many bytes wait for the writer the
 * buffer reports {@link #congested()}, and the session stops reading until {@link #whenUncongested} fires.
 */
public final class ContentBuffer {

    private static final Logger LOG = Logger.getLogger(ContentBuffer.class.getName());

    /** Bytes waiting for the writer above which the reader should pause, and below which it may resume. */
    static final long CONGESTED_ABOVE = 1 << 20;
    static final long UNCONGESTED_BELOW = 256 << 10;

    private final Executor io;
    private final Path spillDir;
    private final int memoryLimit;

    private final List<byte[]> head = new ArrayList<>();
    private int headSize;
    private long size;

    private boolean spilled;
    private final AtomicLong waitingForWriter = new AtomicLong();
    private final AtomicReference<Runnable> uncongestedAction = new AtomicReference<>();
    /** The tail of the chain of writes; each write starts when the one before it ended. */
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private Path spillFile;
    private FileChannel spillChannel;

    public ContentBuffer(Executor io, Path spillDir, int memoryLimit) {
        this.io = io;
        this.spillDir = spillDir;
        this.memoryLimit = memoryLimit;
    }

    /** Appends the readable bytes of {@code bytes} without consuming them. Never blocks. */
    public void append(ByteBuf bytes) {
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.getBytes(bytes.readerIndex(), copy);
        append(copy);
    }

    /** Appends {@code bytes}; the buffer keeps the array, so the caller must not change it afterwards. */
    public void append(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        size += bytes.length;
        // Once the memory part is full, everything goes to the file, so the order of the bytes is kept.
        int toHead = Math.min(bytes.length, memoryLimit - headSize);
        if (toHead == bytes.length) {
            head.add(bytes);
            headSize += bytes.length;
            return;
        }
        byte[] tail = bytes;
        if (toHead > 0) {
            byte[] first = new byte[toHead];
            System.arraycopy(bytes, 0, first, 0, toHead);
            head.add(first);
            headSize += toHead;
            tail = new byte[bytes.length - toHead];
            System.arraycopy(bytes, toHead, tail, 0, tail.length);
        }
        queueWrite(tail);
    }

    private void queueWrite(byte[] bytes) {
        spilled = true;
        waitingForWriter.addAndGet(bytes.length);
        writes = writes.thenRunAsync(() -> {
            try {
                write(bytes);
            } finally {
                if (waitingForWriter.addAndGet(-bytes.length) < UNCONGESTED_BELOW) {
                    runUncongestedAction();
                }
            }
        }, io);
    }

    /** Runs on the I/O executor, one call at a time. */
    private void write(byte[] bytes) {
        try {
            if (spillChannel == null) {
                spillFile = Files.createTempFile(spillDir, "mta-", ".msg");
                spillChannel = FileChannel.open(spillFile, StandardOpenOption.WRITE);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                spillChannel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write message content to " + (spillFile != null ? spillFile : spillDir), e);
        }
    }

    /** Total bytes appended so far. */
    public long size() {
        return size;
    }

    /** True when so many bytes wait for the writer that the caller should stop reading. */
    public boolean congested() {
        return waitingForWriter.get() > CONGESTED_ABOVE;
    }

    /** Runs {@code action} once (on some thread) as soon as the buffer is no longer congested. */
    public void whenUncongested(Runnable action) {
        uncongestedAction.set(action);
        if (waitingForWriter.get() < UNCONGESTED_BELOW) {
            runUncongestedAction();
        }
    }

    private void runUncongestedAction() {
        Runnable action = uncongestedAction.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    /**
     * Completes once every appended byte is stored and the content can be read; fails if the spill file could not
     * be written. Call after the last {@link #append}.
     */
    public CompletionStage<Void> complete() {
        if (!spilled) {
            // All in memory: no writer to wait for, and no thread hand-off on the way to the delivery.
            return CompletableFuture.completedFuture(null);
        }
        return writes.thenRunAsync(() -> {
            if (spillChannel != null) {
                try {
                    spillChannel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + spillFile, e);
                }
            }
        }, io);
    }

    /** A fresh stream over the whole content. Valid after {@link #complete()} completed, until {@link #release()}. */
    public InputStream openStream() throws IOException {
        InputStream memory = new SequenceInputStream(Collections.enumeration(
                head.stream().map(ByteArrayInputStream::new).toList()));
        return spillFile == null ? memory : new SequenceInputStream(memory, Files.newInputStream(spillFile));
    }

    /** Frees the memory and deletes the spill file once pending writes are done. Safe to call more than once. */
    public void release() {
        head.clear();
        writes.handleAsync((ignored, failure) -> {
            deleteSpillFile();
            return null;
        }, io);
    }

    private void deleteSpillFile() {
        try {
            if (spillChannel != null) {
                spillChannel.close();
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete message spill file " + spillFile, e);
        }
    }
}
