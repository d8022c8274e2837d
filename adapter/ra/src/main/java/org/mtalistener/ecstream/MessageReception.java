package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DiskBackPressure;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;

/**
 * The message a session is receiving, from its MESSAGE frame to its END or ABORT: names it, checks its envelope,
 * opens its content buffer with the {@code Received:} header, streams the DATA frames into it (Max_Message_Size
 * enforced as they arrive) and holds reading while the disk is behind. Whether a frame may come at all is the
 * session's to say; what it does to the message is said here.
 *
 * <p>Runs on the event loop like the session; the disk's catching up is reported from another thread and comes back
 * to the loop.
 */
final class MessageReception {

    // The session's logger: these lines are the session's story, and are configured with it.
    private static final Logger LOG = Logger.getLogger(EcstreamSession.class.getName());

    private final EcstreamSession session;
    private final EcstreamSettings settings;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Clock clock;
    /** Null between messages. */
    private Incoming incoming;
    private final DiskBackPressure disk;

    MessageReception(EcstreamSession session, EcstreamSettings settings, Supplier<ContentBuffer> contentBuffers,
                     QueueIds queueIds, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.contentBuffers = contentBuffers;
        this.queueIds = queueIds;
        this.clock = clock;
        this.disk = new DiskBackPressure(session::onEventLoop, session::updateReading, () -> {
            session.resetIdleTimer();
            session.pump();
        });
    }

    /** Whether a message is half-sent: its MESSAGE was read, its END or ABORT not yet. */
    boolean receiving() {
        return incoming != null;
    }

    /** The tag of the message being received, which its END or ABORT must repeat. */
    long tag() {
        return incoming.tag;
    }

    /** Content bytes of the message being received so far, dropped ones included: what its END must say. */
    long bytes() {
        return incoming.bytes;
    }

    /** Whether reading waits for the disk to catch up. */
    boolean congested() {
        return disk.holding();
    }

    /** A MESSAGE frame: a refused envelope still takes its DATA (thrown away) and gets its reply after END. */
    void start(ClientFrame.MessageStart start) {
        String queueId = queueIds.next();
        Reply refusal = EnvelopeRules.refusal(start);
        ContentBuffer content = null;
        Envelope envelope = null;
        if (refusal == null) {
            envelope = EnvelopeRules.envelope(start);
            content = contentBuffers.get();
            content.append(ReceivedHeader.format("", "ECSTREAM", ClientAddress.of(session.ctx().channel()),
                    settings.receivedHostname(), queueId, envelope.recipients(), MailDate.now(clock))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        incoming = new Incoming(start.tag(), queueId, envelope, content, refusal);
    }

    /** A DATA frame's bytes, inside a message; released here. */
    void content(ByteBuf chunk) {
        try {
            incoming.bytes += chunk.readableBytes();
            ContentBuffer buffer = incoming.content;
            if (buffer == null) {
                return;
            }
            long max = settings.maxMessageSize();
            if (max > 0 && incoming.bytes > max) {
                // The rest is dropped as it arrives; the client hears 552 after END, like SMTP after the dot.
                incoming.drop();
                incoming.refusal = EcstreamReplies.MESSAGE_TOO_LARGE;
                return;
            }
            buffer.append(chunk);
            disk.appended(buffer);
        } finally {
            chunk.release();
        }
    }

    /** The message's END, its tag and length checked: it is received, to be delivered or answered with its refusal. */
    Pending end() {
        Incoming done = incoming;
        incoming = null;
        if (done.refusal != null) {
            LOG.fine(() -> session.name() + ": message " + done.queueId + " refused: " + done.refusal);
            done.drop();
            return Pending.refused(done.tag, done.queueId, done.refusal);
        }
        return Pending.toDeliver(done.tag,
                new ReceivedMessage(done.queueId, done.envelope, session.sessionInfo(), done.handOver()));
    }

    /** The message's ABORT, its tag checked: dropped, and answered as aborted. */
    Pending abort() {
        Incoming aborted = incoming;
        incoming = null;
        aborted.drop();
        return Pending.refused(aborted.tag, aborted.queueId, EcstreamReplies.ABORTED);
    }

    /** Drops a message half-sent, if there is one: it never had a reply, and will not have one. */
    void drop() {
        if (incoming != null) {
            incoming.drop();
            incoming = null;
        }
    }
}
