package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;

class SmtpProtocolTest {

    private static final String IDLE_REPLY = "421 4.4.2 mx.example.com idle timeout exceeded, closing connection\r\n";

    @TempDir
    Path spill;

    @Test
    void theIdleTimeNeedsNoHandlerOfItsOwnAndZeroIsForEver() {
        EmbeddedChannel withIdle = new EmbeddedChannel();
        withIdle.freezeTime();
        protocol(Duration.ofSeconds(30)).initChannel(withIdle);
        assertEquals(List.of(SmtpProtocol.DECODER, SmtpProtocol.SESSION), withIdle.pipeline().names().subList(0, 2));
        assertTrue(outbound(withIdle).startsWith("220 "));
        withIdle.advanceTimeBy(29, TimeUnit.SECONDS);
        withIdle.runPendingTasks();
        assertTrue(withIdle.isOpen());
        withIdle.advanceTimeBy(2, TimeUnit.SECONDS);
        withIdle.runPendingTasks();
        assertEquals(IDLE_REPLY, outbound(withIdle));
        assertFalse(withIdle.isOpen());

        EmbeddedChannel withoutIdle = new EmbeddedChannel();
        withoutIdle.freezeTime();
        protocol(Duration.ZERO).initChannel(withoutIdle);
        assertTrue(outbound(withoutIdle).startsWith("220 "));
        withoutIdle.advanceTimeBy(1, TimeUnit.DAYS);
        withoutIdle.runPendingTasks();
        assertTrue(withoutIdle.isOpen());
        assertNull(withoutIdle.readOutbound());
        withoutIdle.finishAndReleaseAll();
    }

    /** What the session wrote, once the loop's turn is over (the flush is a task). */
    private static String outbound(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteBuf reply = channel.readOutbound();
        try {
            return reply.toString(StandardCharsets.US_ASCII);
        } finally {
            reply.release();
        }
    }

    @Test
    void idleTimeCountsFromTheLastReadAndRestartsAfterADelivery() {
        try (SessionHarness smtp = new SessionHarness(spill, SessionHarness.settings(0, 0, Duration.ofSeconds(60)))) {
            smtp.channel.freezeTime();
            smtp.ehlo();
            smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nhi\r\n.\r\n");
            smtp.replies();
            smtp.channel.advanceTimeBy(90, TimeUnit.SECONDS);
            smtp.channel.runPendingTasks();
            assertTrue(smtp.channel.isOpen(), "the delivery is ours to finish");
            smtp.complete(0, new DeliveryOutcome.Accepted("x"));
            assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));

            smtp.channel.advanceTimeBy(59, TimeUnit.SECONDS);
            smtp.channel.runPendingTasks();
            assertTrue(smtp.channel.isOpen(), "the client gets a whole idle period after our reply");
            smtp.channel.advanceTimeBy(2, TimeUnit.SECONDS);
            smtp.channel.runPendingTasks();
            assertEquals(IDLE_REPLY, smtp.replies());
            assertFalse(smtp.channel.isOpen());
        }
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SessionHarness.settings(-1, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SessionHarness.settings(0, -1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SessionHarness.settings(0, 0, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> new SmtpSettings("l", "mx example", "mx", 0, 0, Duration.ZERO));
    }

    @Test
    void aConnectionRefusedAtConnectHearsOnlyTheRefusalAndIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        protocol(Duration.ofSeconds(30)).refuse(channel, Replies.connectionRejected("Access denied"));
        ByteBuf reply = channel.readOutbound();
        assertEquals("554 5.7.1 Access denied\r\n", reply.toString(StandardCharsets.US_ASCII));
        reply.release();
        assertNull(channel.readOutbound(), "no banner");
        assertFalse(channel.isOpen());
    }

    private SmtpProtocol protocol(Duration idle) {
        return new SmtpProtocol(SessionHarness.settings(0, 0, idle), new FakeDeliverer(),
                () -> { throw new AssertionError("no message expected"); }, new QueueIds());
    }
}
