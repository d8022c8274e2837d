package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.logging.Logger;
import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.MessageContent;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;

/**
 * The frames of the message a session is receiving, from its MESSAGE to its END or ABORT: names it, checks its
 * envelope, opens its content with the {@code Received:} header and takes its DATA frames, through the
 * {@link MessageReception} (Max_Message_Size enforced as they arrive, reading held while the disk is behind).
 * Whether a frame may come at all is the session's to say; what it does to the message is said here.
 *
 * <p>Runs on the event loop like the session.
 */
final class MessageFrames {

    // The session's logger: these lines are the session's story, and are configured with it.
    private static final Logger LOG = Logger.getLogger(EcstreamSession.class.getName());

    private final EcstreamSession session;
    private final EcstreamSettings settings;
    private final MessageReception reception;
    private final Clock clock;
    /** Null between messages. */
    private Incoming incoming;

    MessageFrames(EcstreamSession session, EcstreamSettings settings, MessageReception reception, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.reception = reception;
        this.clock = clock;
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
        return incoming.content.bytes();
    }

    /** A MESSAGE frame: a refused envelope still takes its DATA (thrown away) and gets its reply after END. */
    void start(ClientFrame.MessageStart start) {
        String queueId = reception.nextQueueId();
        Reply refusal = EnvelopeRules.refusal(start);
        MessageContent content = MessageContent.refused(queueId);
        Envelope envelope = null;
        if (refusal == null) {
            envelope = EnvelopeRules.envelope(start);
            content = reception.open(queueId, ReceivedHeader.format("", "ECSTREAM", session.client(),
                    settings.receivedHostname(), queueId, envelope.recipients(), MailDate.now(clock))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        incoming = new Incoming(start.tag(), envelope, content, refusal);
    }

    /**
     * A DATA frame's bytes, inside a message; released here. Content past Max_Message_Size is dropped as it arrives;
     * the client hears 552 after END, like SMTP after the dot.
     */
    void content(ByteBuf chunk) {
        reception.append(incoming.content, chunk, settings.maxMessageSize());
    }

    /** The message's END, its tag and length checked: it is received, to be delivered or answered with its refusal. */
    Pending end() {
        Incoming done = incoming;
        incoming = null;
        Reply refusal = done.refusal();
        if (refusal != null) {
            LOG.fine(() -> session.name() + ": message " + done.queueId() + " refused: " + refusal);
            done.content.drop();
            return Pending.refused(done.tag, done.queueId(), refusal);
        }
        return Pending.toDeliver(done.tag,
                new ReceivedMessage(done.queueId(), done.envelope, session.sessionInfo(), done.content.handOver()));
    }

    /** The message's ABORT, its tag checked: dropped, and answered as aborted. */
    Pending abort() {
        Incoming aborted = incoming;
        incoming = null;
        aborted.content.drop();
        return Pending.refused(aborted.tag, aborted.queueId(), EcstreamReplies.ABORTED);
    }

    /** Drops a message half-sent, if there is one: it never had a reply, and will not have one. */
    void drop() {
        if (incoming != null) {
            incoming.content.drop();
            incoming = null;
        }
    }
}
