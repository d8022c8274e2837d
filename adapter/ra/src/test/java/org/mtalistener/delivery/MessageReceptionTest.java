package org.mtalistener.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;

/** {@link MessageReception}, the part of receiving a message both protocols share, with a pretend session. */
class MessageReceptionTest {

    @TempDir
    Path spill;

    /** The content buffers' disk writes, run when the test says. */
    private final ArrayDeque<Runnable> disk = new ArrayDeque<>();
    private final Session session = new Session();
    private final List<CompletableFuture<DeliveryOutcome>> deliveries = new ArrayList<>();
    private final MessageReception reception = new MessageReception(session,
            Logger.getLogger(MessageReceptionTest.class.getName()), message -> {
                CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
                outcome.whenComplete((o, f) -> message.content().release());
                deliveries.add(outcome);
                return outcome;
            }, () -> new ContentBuffer(disk::add, spill, 64), new QueueIds());

    /** A session whose event loop runs when the test says. */
    private static final class Session implements ReceivingSession {
        final ArrayDeque<Runnable> loop = new ArrayDeque<>();
        int readingUpdates;
        int waitsOver;
        boolean closed;

        @Override
        public void onEventLoop(Runnable task) {
            loop.add(task);
        }

        @Override
        public void updateReading() {
            readingUpdates++;
        }

        @Override
        public void waitOver() {
            waitsOver++;
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public String name() {
            return "test";
        }

        void runLoop() {
            for (Runnable task; (task = loop.poll()) != null; ) {
                task.run();
            }
        }
    }

    @AfterEach
    void released() throws IOException {
        for (Runnable write; (write = disk.poll()) != null; ) {
            write.run();
        }
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(0, files.count(), "content was not released");
        }
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    private ReceivedMessage received(MessageContent content) {
        return new ReceivedMessage(content.queueId(), new Envelope("a@x.example", List.of("b@y.example"), Map.of()),
                new SessionInfo("test", Protocol.ESMTP, null, null, ""), content.handOver());
    }

    @Test
    void contentPastTheLimitIsDroppedAndCountedAndTheChunkReleased() {
        MessageContent content = reception.open(reception.nextQueueId(),
                "Received: x\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuf first = bytes(10);
        reception.append(content, first, 15);
        assertEquals(0, first.refCnt());
        assertFalse(content.oversized());

        reception.append(content, bytes(10), 15);
        reception.append(content, bytes(3), 15);
        assertTrue(content.oversized());
        assertEquals(23, content.bytes(), "dropped bytes count too");
        assertNull(content.handOver(), "the content is released once past the limit");
    }

    @Test
    void aRefusedMessagesContentIsCountedAndDropped() {
        MessageContent content = MessageContent.refused(reception.nextQueueId());
        ByteBuf chunk = bytes(1000);
        reception.append(content, chunk, 10);
        assertEquals(0, chunk.refCnt());
        assertEquals(1000, content.bytes());
        assertFalse(content.oversized(), "its refusal is its own, not the size");
    }

    @Test
    void readingWaitsWhileTheDiskIsBehindAndTheSessionMovesOnWhenItCatchesUp() {
        MessageContent content = reception.open(reception.nextQueueId(), new byte[0]);
        reception.append(content, bytes(700_000), 0);
        reception.append(content, bytes(700_000), 0);
        assertTrue(reception.congested());
        assertEquals(1, session.readingUpdates);

        for (Runnable write; (write = disk.poll()) != null; ) {
            write.run();
        }
        assertTrue(reception.congested(), "caught up on the disk's thread; the session hears it on its loop");
        session.runLoop();
        assertFalse(reception.congested());
        assertEquals(1, session.waitsOver);
        content.drop();
    }

    @Test
    void theOutcomeComesBackOnTheEventLoop() {
        List<DeliveryOutcome> answered = new ArrayList<>();
        MessageContent content = reception.open(reception.nextQueueId(), new byte[0]);
        reception.deliver(received(content), answered::add);
        deliveries.get(0).complete(new DeliveryOutcome.Accepted(content.queueId()));
        assertEquals(List.of(), answered, "not on the delivery thread");
        session.runLoop();
        assertEquals(List.of(new DeliveryOutcome.Accepted(content.queueId())), answered);
    }

    @Test
    void aDeliveryWithoutAnOutcomeIsAFailure() {
        List<DeliveryOutcome> answered = new ArrayList<>();
        reception.deliver(received(reception.open(reception.nextQueueId(), new byte[0])), answered::add);
        deliveries.get(0).completeExceptionally(new IllegalStateException("gone"));
        session.runLoop();
        assertInstanceOf(DeliveryOutcome.Failed.class, answered.get(0));
    }

    @Test
    void aDelivererThatThrowsIsAFailureAndTheContentIsReleased() {
        MessageReception throwing = new MessageReception(session, Logger.getLogger("test"), message -> {
            throw new IllegalStateException("endpoint gone");
        }, () -> new ContentBuffer(disk::add, spill, 64), new QueueIds());
        List<DeliveryOutcome> answered = new ArrayList<>();
        MessageContent content = throwing.open(throwing.nextQueueId(), new byte[0]);
        throwing.append(content, bytes(100), 0);
        throwing.deliver(received(content), answered::add);
        session.runLoop();
        assertInstanceOf(DeliveryOutcome.Failed.class, answered.get(0));
    }

    @Test
    void aClientGoneIsNotAnswered() {
        List<DeliveryOutcome> answered = new ArrayList<>();
        MessageContent content = reception.open(reception.nextQueueId(), new byte[0]);
        reception.deliver(received(content), answered::add);
        session.closed = true;
        deliveries.get(0).complete(new DeliveryOutcome.Accepted(content.queueId()));
        session.runLoop();
        assertEquals(List.of(), answered);
    }
}
