package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.RecipientVerdict;
import org.mtalistener.smtp.SmtpProtocol;
import org.mtalistener.smtp.SmtpSettings;

/** The connection check on one channel: nothing is read or said until the verdict, which decides what comes. */
class ConnectionCheckTest {

    @TempDir
    Path spill;

    private final CompletableFuture<RecipientVerdict> verdict = new CompletableFuture<>();
    private SessionInfo asked;
    private final AtomicBoolean served = new AtomicBoolean();

    @Test
    void theSessionBeginsOnlyOnceTheMdbAccepted() {
        EmbeddedChannel channel = admitted();
        assertFalse(channel.config().isAutoRead(), "nothing is read while the MDB looks");
        assertFalse(served.get());
        assertNull(asked.heloName());

        verdict.complete(new RecipientVerdict.Accepted());
        channel.runPendingTasks();
        assertTrue(served.get());
        assertTrue(channel.config().isAutoRead());
        assertNull(channel.readOutbound(), "the session, not the check, says the banner");
    }

    @Test
    void theMdbsRefusalIsTheOnlyReply() {
        EmbeddedChannel channel = admitted();
        verdict.complete(new RecipientVerdict.Refused(554, "5.7.1", "poor reputation"));
        channel.runPendingTasks();
        assertEquals("554 5.7.1 poor reputation\r\n", reply(channel));
        assertFalse(served.get());
        assertFalse(channel.isOpen());
    }

    @Test
    void aCheckWithoutAVerdictIsATemporaryFailure() {
        EmbeddedChannel channel = admitted();
        verdict.completeExceptionally(new IllegalStateException("no MDB"));
        channel.runPendingTasks();
        assertEquals("421 4.3.0 Temporary failure, try again later\r\n", reply(channel));
        assertFalse(channel.isOpen());
    }

    private EmbeddedChannel admitted() {
        SmtpSettings settings = new SmtpSettings("ESMTP_Listener test", "mx.test", "mx.test", 0, 0, Duration.ZERO);
        SmtpProtocol smtp = new SmtpProtocol(settings, message -> {
            throw new AssertionError("no message expected");
        }, () -> new ContentBuffer(Runnable::run, spill, 1024), new QueueIds());
        ConnectionCheck check = new ConnectionCheck("ESMTP_Listener test", connection -> {
            asked = connection;
            return verdict;
        }, smtp);
        EmbeddedChannel channel = new EmbeddedChannel();
        check.admit(channel, new ClientSettings.Client(new EffectiveOptions(Map.of()), settings, null, null, null, null),
                () -> served.set(true));
        return channel;
    }

    private static String reply(EmbeddedChannel channel) {
        ByteBuf reply = channel.readOutbound();
        try {
            return reply.toString(StandardCharsets.US_ASCII);
        } finally {
            reply.release();
        }
    }
}
