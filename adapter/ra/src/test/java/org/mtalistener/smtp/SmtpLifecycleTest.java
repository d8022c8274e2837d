package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import io.netty.handler.timeout.IdleStateEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.net.ListenerClosing;

/** How a session ends: idle clients, a closing listener, lost connections; and reading paused for the disk. */
class SmtpLifecycleTest {

    private static final String IDLE_REPLY = "421 4.4.2 mx.example.com idle timeout exceeded, closing connection\r\n";
    private static final String SHUTDOWN_REPLY = "421 4.3.2 mx.example.com service shutting down\r\n";
    private static final String OPEN_TRANSACTION =
            "MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n";

    @TempDir
    Path spill;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void idleClientIsToldAndDisconnected() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertEquals(IDLE_REPLY, smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void idleClientInDataIsDisconnectedAndItsContentReleased() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "x".repeat(200));
        smtp.replies();
        assertEquals(1, smtp.spillFiles());
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals(IDLE_REPLY, smtp.replies());
        assertFalse(smtp.channel.isOpen());
        assertEquals(0, smtp.spillFiles());
        assertEquals(List.of(), smtp.deliverer.deliveries);
    }

    @Test
    void idlenessDuringADeliveryIsOurs() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "hello\r\n.\r\n");
        smtp.replies();
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals("", smtp.replies());
        assertTrue(smtp.channel.isOpen());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals(IDLE_REPLY, smtp.replies(), "after the delivery the client's silence counts again");
    }

    @Test
    void closingListenerEndsAnIdleSessionAtOnce() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals(SHUTDOWN_REPLY, smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void closingListenerDropsAMessageBeingReceived() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "y".repeat(100) + "\r\n");
        smtp.replies();
        smtp.channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals(SHUTDOWN_REPLY, smtp.replies());
        assertFalse(smtp.channel.isOpen());
        assertEquals(0, smtp.spillFiles(), "the partial message was released");
        assertEquals(List.of(), smtp.deliverer.deliveries);
    }

    @Test
    void closingListenerLetsADeliveryInFlightFinishFirst() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "hello\r\n.\r\nNOOP\r\n");
        smtp.replies();
        smtp.channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals("", smtp.replies());
        assertTrue(smtp.channel.isOpen());
        String id = smtp.deliverer.only().message.queueId();
        smtp.complete(0, new DeliveryOutcome.Accepted(id));
        assertEquals("250 2.0.0 OK queued as " + id + "\r\n" + SHUTDOWN_REPLY, smtp.replies(),
                "the pipelined NOOP is not answered");
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void lostConnectionDuringDataReleasesTheContent() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "z".repeat(300));
        assertEquals(1, smtp.spillFiles());
        smtp.channel.close();
        smtp.channel.runPendingTasks();
        assertEquals(0, smtp.spillFiles());
        assertEquals(List.of(), smtp.deliverer.deliveries);
    }

    @Test
    void deliveryEndingAfterTheClientLeftIsOnlyLogged() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN_TRANSACTION + "hello\r\n.\r\n");
        smtp.replies();
        smtp.channel.close();
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        assertEquals("", smtp.replies());
        assertTrue(smtp.log().stream().anyMatch(r -> r.getLevel() == Level.INFO
                && r.getMessage().contains(smtp.deliverer.only().message.queueId())
                && r.getMessage().contains("not told")));
    }

    @Test
    void readingWaitsWhileTheDiskIsBehind() {
        Queue<Runnable> io = new ArrayDeque<>();
        smtp = new SessionHarness(spill, SessionHarness.settings(0, 0, Duration.ZERO), io::add).ehlo();
        smtp.send(OPEN_TRANSACTION);
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        // More than the buffer lets wait for its writer (1 MiB).
        String line = "a".repeat(1022) + "\r\n";
        smtp.send(line.repeat(1536));
        assertFalse(smtp.channel.config().isAutoRead(), "reading stops while the writer is behind");
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertTrue(smtp.channel.isOpen(), "waiting for the disk is not the client idling");

        drain(io);
        smtp.channel.runPendingTasks();
        assertTrue(smtp.channel.config().isAutoRead(), "reading resumes once the writer caught up");

        smtp.send(".\r\n");
        drain(io);
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(SmtpDataTest.received(delivery.message.queueId(), true) + line.repeat(1536),
                delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        drain(io);
        assertTrue(smtp.channel.config().isAutoRead());
    }

    private static void drain(Queue<Runnable> io) {
        for (Runnable task; (task = io.poll()) != null; ) {
            task.run();
        }
    }
}
