package org.mtalistener.qmqp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.MessageContent;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.DeliveryReplies;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ProtocolSession;

/**
 * The server side of one QMQP connection: takes the one request {@link QmqpDecoder} reads, streams its message into
 * a content buffer (Max_Message_Size enforced on the length the request declares, before a byte is kept), hands it
 * to the deliverer once the client has sent its last byte, and answers {@code K}, {@code Z} or {@code D} once the
 * delivery is over; then the connection closes.
 *
 * <p>An answer that cannot wait for the request's end (a client QMQP_Authorized does not cover, input that is not
 * QMQP) goes out at once, as qmqpd sends it; the session then half-closes and discards what still comes, so the
 * client reads the answer rather than a reset, until it leaves or Idle_Time passes.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it.
 */
final class QmqpSession extends ProtocolSession {

    private static final Logger LOG = Logger.getLogger(QmqpSession.class.getName());

    private enum State {
        /** before the message netstring */
        REQUEST,
        CONTENT,
        ENVELOPE,
        /** the message is with the deliverer: nothing is read */
        DELIVERING,
        /** answered early: discards input until the client leaves */
        ENDING
    }

    private final QmqpSettings settings;
    private final MessageReception reception;
    private final QmqpDecoder decoder;
    private final Runnable refused;
    private final Clock clock;

    private State state = State.REQUEST;
    private MessageContent content;
    private boolean tooLarge;
    private byte[] sender;
    private final List<byte[]> recipients = new ArrayList<>();

    /** @param refused counts each answer the listener gives on its own (not the MDB's) */
    QmqpSession(QmqpSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers, QueueIds queueIds,
                Runnable refused, Clock clock, QmqpDecoder decoder) {
        super(LOG, decoder, settings.idleTime());
        this.settings = settings;
        this.reception = new MessageReception(this, LOG, deliverer, contentBuffers, queueIds);
        this.decoder = decoder;
        this.refused = refused;
        this.clock = clock;
    }

    /** QMQP has no greeting: the client speaks first. A client QMQP_Authorized does not cover hears so at once. */
    @Override
    protected void opened() {
        if (!settings.authorized()) {
            LOG.info(() -> name() + ": not authorized by QMQP_Authorized, refused");
            endEarly(QmqpReplies.notAuthorized(ReceivedHeader.addressLiteral(ClientAddress.of(ctx().channel()))));
        }
    }

    @Override
    protected void read(Object msg) {
        if (state == State.ENDING) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ByteBuf chunk) {
            reception.append(content, chunk, settings.maxMessageSize());
        } else if (msg instanceof Request.MessageStart start) {
            start(start.length());
        } else if (msg instanceof Request.Sender s) {
            sender = s.address();
            state = State.ENVELOPE;
        } else if (msg instanceof Request.Recipient recipient) {
            recipients.add(recipient.address());
        } else if (msg instanceof Request.End) {
            end();
        } else if (msg instanceof Request.Malformed malformed) {
            LOG.fine(() -> name() + ": " + malformed.problem() + " while " + malformed.where());
            endEarly(QmqpReplies.malformed(malformed));
        } else {
            ctx().fireChannelRead(msg);
        }
    }

    private void start(long length) {
        String queueId = reception.nextQueueId();
        // Longer than Max_Message_Size by its own word: counted and dropped as it comes, never buffered.
        tooLarge = settings.maxMessageSize() > 0 && length > settings.maxMessageSize();
        // The recipients come after the content, which streams into its buffer as it arrives: the header cannot
        // name the one recipient, as SMTP's does.
        content = tooLarge ? MessageContent.refused(queueId) : reception.open(queueId, ReceivedHeader.format("",
                "QMQP", ClientAddress.of(ctx().channel()), settings.receivedHostname(), queueId, List.of(),
                MailDate.now(clock)).getBytes(StandardCharsets.US_ASCII));
        state = State.CONTENT;
    }

    /** The client has sent its last byte: the message goes to the deliverer, or is refused. */
    private void end() {
        String queueId = content.queueId();
        Reply refusal = tooLarge || content.oversized() ? QmqpReplies.MESSAGE_TOO_LARGE : null;
        Envelope envelope = null;
        if (refusal == null) {
            List<String> to = new ArrayList<>(recipients.size());
            for (byte[] recipient : recipients) {
                to.add(address(recipient, false));
            }
            String from = address(sender, true);
            refusal = from == null ? QmqpReplies.BAD_SENDER : to.isEmpty() ? QmqpReplies.NO_RECIPIENTS
                    : to.contains(null) ? QmqpReplies.BAD_RECIPIENT : null;
            boolean utf8 = refusal == null && (!isAscii(from) || to.stream().anyMatch(a -> !isAscii(a)));
            envelope = refusal == null ? new Envelope(from, to, Map.of(), utf8) : null;
        }
        recipients.clear();
        state = State.DELIVERING;
        updateReading();
        if (refusal != null) {
            Reply reply = refusal;
            LOG.fine(() -> name() + ": message " + queueId + " refused: " + reply);
            content.drop();
            refused.run();
            answer(reply, queueId);
            return;
        }
        Channel channel = ctx().channel();
        SessionInfo session = new SessionInfo(settings.listenerName(), Protocol.QMQP, channel.localAddress(),
                ClientAddress.of(channel), "");
        reception.deliver(new ReceivedMessage(queueId, envelope, session, content.handOver()),
                outcome -> answer(outcome instanceof DeliveryOutcome.Accepted ? null
                        : DeliveryReplies.forOutcome(queueId, outcome), queueId));
    }

    /** The one answer; null: accepted. The connection closes once it is written. */
    private void answer(Reply refusal, String queueId) {
        closeWith(refusal == null ? QmqpReplies.accepted(ctx().alloc(), queueId)
                : QmqpReplies.refused(ctx().alloc(), refusal));
    }

    /**
     * An address as the MDB sees it: UTF-8 without controls, spaces or angle brackets (they would break the trace
     * header and whatever parses the envelope downstream); the sender may be empty (the null sender). Null if it is
     * none of that.
     */
    private static String address(byte[] bytes, boolean mayBeEmpty) {
        if (bytes.length == 0) {
            return mayBeEmpty ? "" : null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return text.codePoints().allMatch(c -> c > 0x20 && c != 0x7F && c != '<' && c != '>'
                && !(c >= 0x80 && c < 0xA0)) ? text : null;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /**
     * Answers before the request's end, as qmqpd does: the answer, then a half-close, so the client reads it and
     * leaves; what it still sends is discarded. A transport without half-close closes.
     */
    private void endEarly(Reply reply) {
        refused.run();
        state = State.ENDING;
        if (content != null) {
            content.drop();
        }
        decoder.discardAll();
        updateReading();
        Channel channel = ctx().channel();
        ctx().writeAndFlush(QmqpReplies.refused(ctx().alloc(), reply)).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
    }

    /**
     * The client shut its side (its request is out, or it gave up): an answer still due goes out first; a request
     * cut short, or an early answer already given, ends the session. While the disk holds reading, the rest of the
     * request may still wait in the decoder: Idle_Time bounds that wait.
     */
    @Override
    protected void event(Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (state == State.ENDING || state != State.DELIVERING && !reception.congested()) {
                LOG.fine(() -> name() + ": the client shut its side" + (state == State.ENDING ? ""
                        : " in the middle of its request") + ", closing");
                close();
            }
            return;
        }
        super.event(event);
    }

    @Override
    protected void idle() {
        LOG.fine(() -> name() + ": idle for " + settings.idleTime() + (state == State.ENDING ? " after its answer"
                : " in the middle of its request") + ", closing without a reply");
        close();
    }

    /** A request half-sent gets Z (qmqpd's clients retry on it); one answered already just closes. */
    @Override
    protected void listenerClosing() {
        if (state == State.ENDING) {
            close();
            return;
        }
        closeWith(QmqpReplies.refused(ctx().alloc(), QmqpReplies.SHUTTING_DOWN));
    }

    @Override
    protected void ended() {
        if (content != null) {
            content.drop();
        }
    }

    @Override
    protected void disconnected(boolean unexpectedly) {
        if (unexpectedly && state != State.ENDING && state != State.REQUEST) {
            LOG.fine(() -> name() + ": connection lost in the middle of its request");
        }
        if (content != null) {
            content.drop();
        }
    }

    @Override
    protected boolean awaitsAnswer() {
        return state == State.DELIVERING;
    }

    /** The request is read until its end, unless the disk is behind; the answer's wait reads nothing. */
    @Override
    protected boolean readsNow() {
        return state == State.ENDING || state != State.DELIVERING && !reception.congested();
    }

    @Override
    public String name() {
        return settings.listenerName() + " " + ClientAddress.of(ctx().channel());
    }
}
