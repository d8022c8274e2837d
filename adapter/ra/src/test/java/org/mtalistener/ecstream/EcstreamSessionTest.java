package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Protocol;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.net.ListenerClosing;

/** The session on an {@link EmbeddedChannel} with a deliverer whose outcomes the test decides. */
class EcstreamSessionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-08T16:21:51Z"), ZoneOffset.ofHours(-5));
    private static final String READY = "READY 1 batch 10 frame 1048576 size 1000 rcpts 10000 idle 300";
    private static final String SHUTDOWN = "TEMPFAIL %d 421 4.3.2 service shutting down";

    @TempDir
    Path spill;

    private final List<Delivery> deliveries = new ArrayList<>();
    private EmbeddedChannel channel;

    private record Delivery(ReceivedMessage message, CompletableFuture<DeliveryOutcome> outcome, String content) {
    }

    private final Deliverer deliverer = new Deliverer() {
        @Override
        public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
            message.content().complete().toCompletableFuture().join();
            try (InputStream in = message.openContent()) {
                deliveries.add(new Delivery(message, new CompletableFuture<>(),
                        new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                message.content().release();
            }
            return deliveries.get(deliveries.size() - 1).outcome;
        }
    };

    @AfterEach
    void released() throws IOException {
        channel.finishAndReleaseAll();
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(0, files.count(), "content was not released");
        }
    }

    private void open(int maxBatch) {
        channel = new EmbeddedChannel();
        new EcstreamProtocol(new EcstreamSettings("ECStream_Listener test", Duration.ofSeconds(300), maxBatch, 1000,
                "mx.example.com"), deliverer, () -> new ContentBuffer(Runnable::run, spill, 64), new QueueIds(), CLOCK)
                .initChannel(channel);
        assertEquals(List.of("HELLO"), frames());
        send(new ClientBytes().version(1));
        assertEquals(List.of(READY.replace("batch 10", "batch " + maxBatch)), frames());
    }

    private void send(ClientBytes bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes.bytes()));
        channel.runPendingTasks();
    }

    private void complete(int index, DeliveryOutcome outcome) {
        deliveries.get(index).outcome.complete(outcome);
        channel.runPendingTasks();
    }

    private List<String> frames() {
        channel.runPendingTasks(); // the turn of the event loop ends: the session flushes what it wrote
        List<String> frames = new ArrayList<>();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            buffer.release();
            frames.addAll(ClientBytes.serverFrames(bytes));
        }
        return frames;
    }

    @Test
    void repliesOnlyAfterEachOutcomeAndInOrder() {
        open(10);
        send(new ClientBytes().mail(1, "one").mail(2, "two").mail(3, "three"));
        assertEquals(List.of(), frames(), "nothing acknowledged before the MDB took it");
        assertEquals(1, deliveries.size(), "one delivery at a time");
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1"), frames());
        complete(1, new DeliveryOutcome.Rejected(550, "5.7.1", "no thanks"));
        assertEquals(List.of("PERMFAIL 2 550 5.7.1 no thanks"), frames());
        complete(2, new DeliveryOutcome.Failed("endpoint gone"));
        assertEquals(List.of("TEMPFAIL 3 451 4.3.0 transaction failed"), frames());
        send(new ClientBytes().quit());
        assertEquals(List.of("BYE 221 closing connection"), frames());
        assertFalse(channel.isOpen());
    }

    @Test
    void theMdbSeesEnvelopeSessionAndAReceivedHeader() {
        open(10);
        send(new ClientBytes().message(7, "a@x.example", List.of("b@y.example"),
                List.<String[]>of(new String[] {"body", "8BITMIME"})).data("Subject: hi\r\n\r\n").data("x").end(7, 16));
        Delivery delivery = deliveries.get(0);
        ReceivedMessage message = delivery.message;
        assertEquals(Protocol.ECSTREAM, message.session().protocol());
        assertEquals("ECStream_Listener test", message.session().listener());
        assertEquals(Map.of("BODY", "8BITMIME"), message.envelope().mailParameters());
        assertEquals("a@x.example", message.envelope().sender());
        assertEquals("Received: from [embedded] ([embedded])\r\n\tby mx.example.com (MTA Listener Adapter) with "
                + "ECSTREAM id " + message.queueId() + "\r\n\tfor <b@y.example>; Sat, 8 Mar 2025 11:21:51 -0500\r\n"
                + "Subject: hi\r\n\r\nx", delivery.content);
        complete(0, new DeliveryOutcome.Accepted(message.queueId()));
        assertEquals(List.of("ACCEPTED 7"), frames());
    }

    @Test
    void stopsReadingAtTheBatchLimitWithoutDecodingFurther() {
        open(2);
        send(new ClientBytes().mail(1, "one").mail(2, "two").mail(3, "three"));
        assertFalse(channel.config().isAutoRead(), "two unanswered: reading stops");
        // Closing now refuses what was received but not delivered. The third message was held back by the batch
        // limit, so it is not among them: had it been decoded, it would get a 421 too.
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals(List.of(), frames());
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1", SHUTDOWN.formatted(2), "BYE 421 service shutting down"), frames());
        assertEquals(1, deliveries.size());
        assertFalse(channel.isOpen());
    }

    @Test
    void resumesReadingWhenAReplyFreesRoomInTheBatch() {
        open(2);
        send(new ClientBytes().mail(1, "one").mail(2, "two").mail(3, "three"));
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1"), frames());
        assertFalse(channel.config().isAutoRead(), "2 and 3 unanswered: full again");
        complete(1, new DeliveryOutcome.Accepted("x"));
        complete(2, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 2", "ACCEPTED 3"), frames());
        assertTrue(channel.config().isAutoRead());
        assertEquals("three", deliveries.get(2).content.substring(deliveries.get(2).content.length() - 5));
    }

    @Test
    void closingListenerFinishesTheDeliveryInFlightAndRefusesTheRest() {
        open(10);
        send(new ClientBytes().mail(1, "one").mail(2, "two").mail(3, "three")
                .message(4, "a@x.example", "b@y.example").data("half"));
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals(List.of(), frames(), "the delivery in flight is waited for");
        assertTrue(channel.isOpen());
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1", SHUTDOWN.formatted(2), SHUTDOWN.formatted(3),
                "BYE 421 service shutting down"), frames());
        assertEquals(1, deliveries.size());
        assertFalse(channel.isOpen());
    }

    @Test
    void idleClientIsSaidGoodbyeButNotWhileWeDeliver() {
        open(10);
        send(new ClientBytes().mail(1, "one"));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertTrue(channel.isOpen(), "the client waits for us");
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1"), frames());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals(List.of("BYE 421 idle timeout exceeded, closing connection"), frames());
        assertFalse(channel.isOpen());
    }

    @Test
    void oversizedMessageIsRefusedAndTheConnectionGoesOn() {
        open(10);
        String big = "x".repeat(600);
        send(new ClientBytes().message(1, "a@x.example", "b@y.example").data(big).data(big).end(1, 1200)
                .mail(2, "small"));
        assertEquals(List.of("PERMFAIL 1 552 5.3.4 message size limit exceeded"), frames());
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 2"), frames());
    }

    @Test
    void envelopeBreakingTheRulesIsRefusedOnItsOwn() {
        open(10);
        send(new ClientBytes().message(1, "a@x.example", "b y@z.example").data("x").end(1, 1)
                .message(2, "a@x.example", "b@y.example").data("x").abort(2));
        assertEquals(List.of("PERMFAIL 1 501 5.1.3 invalid recipient address",
                "TEMPFAIL 2 451 4.3.0 message aborted by the client"), frames());
        assertEquals(0, deliveries.size());
    }

    @Test
    void unsupportedVersionIsAnErrorAndTheConnectionCloses() {
        channel = new EmbeddedChannel();
        new EcstreamProtocol(new EcstreamSettings("l", Duration.ZERO, 1, 0, "h"), deliverer,
                () -> new ContentBuffer(Runnable::run, spill, 64), new QueueIds()).initChannel(channel);
        send(new ClientBytes().version(2));
        assertEquals(List.of("HELLO", "ERROR 1 version 2 is not offered; this server speaks 1"), frames());
        assertFalse(channel.isOpen());
    }

    @Test
    void protocolErrorAnswersWhatWasCompleteThenClosesWithTheError() {
        open(10);
        send(new ClientBytes().mail(1, "one").message(2, "a@x.example", "b@y.example").data("ab").end(2, 5));
        assertEquals(List.of(), frames());
        complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals(List.of("ACCEPTED 1",
                "ERROR 6 END frame of tag 2 says 5 content bytes; its DATA frames carried 2"), frames());
        assertFalse(channel.isOpen());
        assertEquals(1, deliveries.size());
    }

    @Test
    void framesOutOfPlaceAreErrors() {
        open(10);
        send(new ClientBytes().data("stray"));
        assertEquals(List.of("ERROR 5 DATA frame outside a message"), frames());
        assertFalse(channel.isOpen());
    }

    @Test
    void oversizedFrameLengthIsAnErrorAtOnce() {
        open(10);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x10, 0x7f, 0, 0, 0}));
        assertEquals(List.of("ERROR 3 frame type 0x10 declares 2130706432 payload bytes; the most is 1048576"),
                frames());
        assertFalse(channel.isOpen());
    }
}
