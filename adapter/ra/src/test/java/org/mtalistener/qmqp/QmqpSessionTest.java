package org.mtalistener.qmqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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

/** The session on an {@link EmbeddedChannel}, with a deliverer whose outcomes the test decides. */
class QmqpSessionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-08T16:21:51Z"), ZoneOffset.ofHours(-5));
    private static final String MESSAGE = "Subject: hello\r\n\r\nbody\r\n";

    @TempDir
    Path spill;

    private record Delivery(ReceivedMessage message, CompletableFuture<DeliveryOutcome> outcome, String content) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Deliverer deliverer = message -> {
        message.content().complete().toCompletableFuture().join();
        try (InputStream in = message.openContent()) {
            Delivery delivery = new Delivery(message, new CompletableFuture<>(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            deliveries.add(delivery);
            return delivery.outcome.whenComplete((outcome, failure) -> message.content().release());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };
    private EmbeddedChannel channel;

    @AfterEach
    void release() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void open(long maxMessageSize, boolean authorized) {
        channel = new EmbeddedChannel();
        new QmqpProtocol(deliverer, () -> new ContentBuffer(Runnable::run, spill, 64), new QueueIds(),
                refused::incrementAndGet, CLOCK).initChannel(channel, new QmqpSettings("QMQP_Listener test",
                Duration.ofSeconds(300), maxMessageSize, "mx.example.com", authorized));
    }

    private void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    private void complete(DeliveryOutcome outcome) {
        deliveries.get(0).outcome.complete(outcome);
        channel.runPendingTasks();
    }

    /** The reply netstring's text, or null if nothing was written. */
    private String reply() {
        ByteBuf written = channel.readOutbound();
        if (written == null) {
            return null;
        }
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        assertNull(channel.readOutbound(), "one reply only");
        return QmqpRequests.reply(bytes);
    }

    @Test
    void theMessageReachesTheMdbAndKComesOnlyAfterItsCommit() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "list@example.org", "a@example.com", "b@example.com"));
        Delivery delivery = deliveries.get(0);
        assertEquals("list@example.org", delivery.message.envelope().sender());
        assertEquals(List.of("a@example.com", "b@example.com"), delivery.message.envelope().recipients());
        assertEquals(Protocol.QMQP, delivery.message.session().protocol());
        assertEquals("QMQP_Listener test", delivery.message.session().listener());
        String queueId = delivery.message.queueId();
        assertEquals("Received: from [embedded] ([embedded])\r\n\tby mx.example.com (MTA Listener Adapter) with QMQP "
                + "id " + queueId + "; Sat, 8 Mar 2025 11:21:51 -0500\r\n" + MESSAGE, delivery.content);
        // the client waits for the MDB, reading nothing
        assertNull(reply());
        assertFalse(channel.config().isAutoRead());
        assertTrue(channel.isOpen());
        complete(new DeliveryOutcome.Accepted(queueId));
        assertEquals("KOk: queued as " + queueId, reply());
        assertFalse(channel.isOpen());
        assertEquals(0, refused.get());
    }

    @Test
    void theMdbsRefusalIsDWithItsText() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        complete(new DeliveryOutcome.Rejected(550, "5.7.1", "no such user"));
        assertEquals("DError: 5.7.1 no such user", reply());
        assertFalse(channel.isOpen());
    }

    @Test
    void aTemporaryRefusalOrAFailureIsZ() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        complete(new DeliveryOutcome.Failed("rolled back"));
        assertEquals("ZError: 4.3.0 transaction failed", reply());

        deliveries.clear();
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        complete(new DeliveryOutcome.Rejected(452, "4.2.2", "mailbox full"));
        assertEquals("ZError: 4.2.2 mailbox full", reply());
    }

    @Test
    void aMessageLargerThanMaxMessageSizeIsReadToTheEndAndRefusedWithoutTheMdb() {
        open(MESSAGE.length() - 1, true);
        byte[] request = QmqpRequests.request(MESSAGE, "", "a@example.com");
        send(Arrays.copyOf(request, 20));
        // nothing is said before the client's last byte
        assertNull(reply());
        send(Arrays.copyOfRange(request, 20, request.length));
        assertEquals("DError: 5.3.4 message size limit exceeded", reply());
        assertEquals(List.of(), deliveries);
        assertEquals(1, refused.get());
    }

    @Test
    void aMessageOfExactlyMaxMessageSizeIsTaken() {
        open(MESSAGE.length(), true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        assertEquals(1, deliveries.size());
    }

    @Test
    void noRecipientsOrABadAddressIsD() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "a@example.com"));
        assertEquals("DError: 5.5.1 no recipients specified", reply());
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "a@example.com", "b@example.com", "c@exa\r\nmple.com"));
        assertEquals("DError: 5.1.3 bad recipient address syntax", reply());
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "<a@example.com>", "b@example.com"));
        assertEquals("DError: 5.1.7 bad sender address syntax", reply());
        assertEquals(List.of(), deliveries);
        assertEquals(3, refused.get());
    }

    @Test
    void aNonAsciiAddressIsPassedOnAsSmtpUtf8() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "jöran@example.com"));
        assertEquals(List.of("jöran@example.com"), deliveries.get(0).message.envelope().recipients());
        assertTrue(deliveries.get(0).message.envelope().smtpUtf8());
    }

    @Test
    void malformedInputIsDAtOnceAsQmqpdSaysIt() {
        open(1000, true);
        send("12:x".getBytes(StandardCharsets.US_ASCII));
        assertEquals("DError: 5.5.2 netstring format error while receiving message content", reply());
        assertFalse(channel.isOpen());
        assertEquals(1, refused.get());
    }

    @Test
    void aClientQmqpAuthorizedDoesNotCoverIsToldAtOnce() {
        open(1000, false);
        assertEquals("DError: 5.7.1 [embedded] is not authorized to use this service", reply());
        // an EmbeddedChannel cannot half-close: it closes (on a socket the client's request is read and dropped)
        assertFalse(channel.isOpen());
        assertEquals(1, refused.get());
    }

    @Test
    void aClientThatShutsItsSideAfterItsRequestStillGetsTheAnswer() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertTrue(channel.isOpen());
        complete(new DeliveryOutcome.Accepted(deliveries.get(0).message.queueId()));
        assertTrue(reply().startsWith("KOk: queued as "));
    }

    @Test
    void aClientThatShutsItsSideInTheMiddleOfItsRequestIsClosedWithoutAReply() {
        open(1000, true);
        send("100:5:he".getBytes(StandardCharsets.US_ASCII));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertNull(reply());
        assertFalse(channel.isOpen());
    }

    @Test
    void anIdleClientIsClosedWithoutAReply() {
        open(1000, true);
        send("100:5:he".getBytes(StandardCharsets.US_ASCII));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertNull(reply());
        assertFalse(channel.isOpen());
    }

    @Test
    void waitingForTheMdbIsNotIdlingAndAClosingListenerLetsTheAnswerOut() {
        open(1000, true);
        send(QmqpRequests.request(MESSAGE, "", "a@example.com"));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertTrue(channel.isOpen());
        complete(new DeliveryOutcome.Accepted(deliveries.get(0).message.queueId()));
        assertTrue(reply().startsWith("KOk: queued as "));
        assertFalse(channel.isOpen());
    }

    @Test
    void aClosingListenerAnswersAHalfSentRequestWithZ() {
        open(1000, true);
        send("100:5:he".getBytes(StandardCharsets.US_ASCII));
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals("ZError: 4.3.2 service shutting down", reply());
        assertFalse(channel.isOpen());
    }
}
