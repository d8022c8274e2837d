package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;

/**
 * {@link MessageFrames} with its {@link org.mtalistener.delivery.MessageReception}: the content of the message being
 * received, and reading held while the disk is behind.
 */
class MessageFramesTest {

    private static final int CHUNK = 700_000;

    @TempDir
    Path spill;

    /** The content buffers' disk writes, run when the test says: the disk is as slow as the test wants. */
    private final ArrayDeque<Runnable> disk = new ArrayDeque<>();

    @AfterEach
    void released() throws IOException {
        catchUp();
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(0, files.count(), "content was not released");
        }
    }

    private void catchUp() {
        for (Runnable write; (write = disk.poll()) != null; ) {
            write.run();
        }
    }

    @Test
    void readingWaitsWhileTheDiskIsBehindAndResumesWhenItCatchesUp() {
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(disk::add, spill, 64), 0)) {
            ecstream.send(new ClientBytes().message(1, "a@x.example", "b@y.example")
                    .frame(0x11, new byte[CHUNK]).frame(0x11, new byte[CHUNK]).end(1, 2L * CHUNK)
                    .mail(2, "two"));
            assertFalse(ecstream.reading());
            assertEquals(0, ecstream.deliveries.size(), "END waits in the decoder with the disk");

            ecstream.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
            assertTrue(ecstream.channel.isOpen(), "the client waits for our disk, it is not idle");

            catchUp();
            ecstream.channel.runPendingTasks();
            assertTrue(ecstream.reading());
            assertEquals(1, ecstream.deliveries.size());
            ecstream.complete(0, new DeliveryOutcome.Accepted("x"));
            ecstream.complete(1, new DeliveryOutcome.Accepted("x"));
            assertEquals(List.of("ACCEPTED 1", "ACCEPTED 2"), ecstream.frames());
        }
    }

    @Test
    void aRefusedEnvelopesContentIsCountedForEndThoughItIsDropped() {
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(disk::add, spill, 64), 0)) {
            ecstream.send(new ClientBytes().message(1, "a@x.example", "b y@z.example").data("abc").end(1, 2));
            assertEquals(List.of("ERROR 6 END frame of tag 1 says 2 content bytes; its DATA frames carried 3"),
                    ecstream.frames());
        }
    }

    @Test
    void contentOverMaxMessageSizeIsDroppedAndRefusedAfterEnd() {
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(disk::add, spill, 64), 10)) {
            ecstream.send(new ClientBytes().message(1, "a@x.example", "b@y.example").data("0123456789")
                    .data("x").data("more").end(1, 15));
            assertEquals(List.of("PERMFAIL 1 552 5.3.4 message size limit exceeded"), ecstream.frames());
            assertEquals(0, ecstream.deliveries.size());
        }
    }
}
