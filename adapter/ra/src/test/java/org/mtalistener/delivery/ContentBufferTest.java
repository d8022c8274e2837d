package org.mtalistener.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentBufferTest {

    @TempDir
    Path spill;

    /** Runs queued tasks only when the test says so, to observe what waits for the writer. */
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private final Executor manual = queued::add;

    @Test
    void smallContentStaysInMemory() throws IOException {
        ContentBuffer buffer = new ContentBuffer(Runnable::run, spill, 1024);
        buffer.append(Unpooled.wrappedBuffer("hello".getBytes()));
        buffer.complete().toCompletableFuture().join();

        assertEquals(5, buffer.size());
        assertArrayEquals("hello".getBytes(), readAll(buffer));
        assertEquals(0, files());
    }

    @Test
    void largeContentSpillsToAFileAndReadsBackInOrder() throws IOException {
        ContentBuffer buffer = new ContentBuffer(Runnable::run, spill, 100);
        byte[] content = new byte[10_000];
        new Random(42).nextBytes(content);
        for (int i = 0; i < content.length; i += 333) {
            buffer.append(Unpooled.wrappedBuffer(content, i, Math.min(333, content.length - i)));
        }
        buffer.complete().toCompletableFuture().join();

        assertEquals(1, files());
        assertArrayEquals(content, readAll(buffer));
        assertArrayEquals(content, readAll(buffer), "every stream starts from the first byte");

        buffer.release();
        assertEquals(0, files());
    }

    @Test
    void appendNeverWritesOnTheCallersThread() {
        ContentBuffer buffer = new ContentBuffer(manual, spill, 10);
        buffer.append(new byte[100]);
        assertFalse(queued.isEmpty(), "the write is queued for the I/O executor");
        assertEquals(0, files());
        runQueued();
        assertEquals(1, files());
    }

    @Test
    void reportsCongestionUntilTheWriterCatchesUp() {
        ContentBuffer buffer = new ContentBuffer(manual, spill, 0);
        for (int i = 0; i < 20; i++) {
            buffer.append(new byte[100_000]);
        }
        assertTrue(buffer.congested());
        AtomicBoolean resumed = new AtomicBoolean();
        buffer.whenUncongested(() -> resumed.set(true));
        assertFalse(resumed.get());

        runQueued();

        assertFalse(buffer.congested());
        assertTrue(resumed.get());
    }

    @Test
    void releaseWhileWritesArePendingStillDeletesTheFile() {
        ContentBuffer buffer = new ContentBuffer(manual, spill, 0);
        buffer.append(new byte[1000]);
        buffer.release();
        runQueued();
        assertEquals(0, files());
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    private static byte[] readAll(ContentBuffer buffer) throws IOException {
        try (InputStream in = buffer.openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private long files() {
        try (Stream<Path> list = Files.list(spill)) {
            return list.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
