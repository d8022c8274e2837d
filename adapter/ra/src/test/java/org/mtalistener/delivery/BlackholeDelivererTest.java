package org.mtalistener.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;

/** The black hole: discard answers at once; store answers only after its write, which never runs on the caller. */
class BlackholeDelivererTest {

    @TempDir
    Path spill;

    /** Runs nothing until told: what runs on the "I/O executor" is seen to wait for it. */
    private final ArrayDeque<Runnable> io = new ArrayDeque<>();
    private final Executor queued = io::add;

    @Test
    void discardAcceptsUnderTheMessagesOwnQueueIdWithoutTouchingTheDisk() {
        BlackholeDeliverer discard = new BlackholeDeliverer(BlackholeDeliverer.Mode.DISCARD, queued,
                spill.resolve("missing"));
        CompletableFuture<DeliveryOutcome> outcome = discard.deliver(message("Q1")).toCompletableFuture();
        assertEquals(new DeliveryOutcome.Accepted("Q1"), outcome.getNow(null));
        assertTrue(io.isEmpty());
    }

    @Test
    void storeAcceptsOnlyOnceTheWriteOnTheIoExecutorIsDone() {
        BlackholeDeliverer store = new BlackholeDeliverer(BlackholeDeliverer.Mode.STORE, queued, spill);
        CompletableFuture<DeliveryOutcome> outcome = store.deliver(message("Q2")).toCompletableFuture();
        assertFalse(outcome.isDone(), "nothing is acknowledged before it is on disk");
        assertEquals(1, io.size());
        io.poll().run();
        assertEquals(new DeliveryOutcome.Accepted("Q2"), outcome.getNow(null));
        assertEquals(0, spill.toFile().list().length, "the stored message is deleted");
    }

    @Test
    void storeThatCannotWriteIsAFailedDelivery() {
        BlackholeDeliverer store = new BlackholeDeliverer(BlackholeDeliverer.Mode.STORE, queued,
                spill.resolve("missing"));
        CompletableFuture<DeliveryOutcome> outcome = store.deliver(message("Q3")).toCompletableFuture();
        io.poll().run();
        assertInstanceOf(DeliveryOutcome.Failed.class, outcome.getNow(null));
    }

    @Test
    void theOptionNamesTheMode() {
        assertNull(BlackholeDeliverer.Mode.of("off"));
        assertEquals(BlackholeDeliverer.Mode.DISCARD, BlackholeDeliverer.Mode.of("discard"));
        assertEquals(BlackholeDeliverer.Mode.STORE, BlackholeDeliverer.Mode.of("Store"));
    }

    private ReceivedMessage message(String id) {
        ContentBuffer content = new ContentBuffer(Runnable::run, spill, 1024);
        content.append("Subject: hole\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        return new ReceivedMessage(id, new Envelope("a@b.test", List.of("c@d.test"), Map.of()),
                new SessionInfo("test", Protocol.ESMTP, null, null, "client.test"), content);
    }
}
