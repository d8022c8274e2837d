package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.log.ClientText;
import org.mtalistener.net.ProtocolSession;

/**
 * The server side of one ECStream connection: negotiates the version, takes messages from {@link EcstreamDecoder},
 * hands them to the deliverer one after the other and answers each, in order, once its delivery is over.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it; deliveries complete on other threads
 * and come back to the loop. Reading stops (autoRead off, decoder paused) while the batch is full, while received
 * content waits for the disk or for its delivery beyond {@link Batch#HELD_BYTES_LIMIT}, and while the client does
 * not read its replies. The session keeps the protocol's state and says which frame may come; the message being
 * received is the {@link MessageFrames}'s, the messages from END to reply are the {@link Batch}'s.
 */
final class EcstreamSession extends ProtocolSession {

    private static final Logger LOG = Logger.getLogger(EcstreamSession.class.getName());

    private enum State {
        AWAIT_VERSION,
        BETWEEN_MESSAGES,
        IN_MESSAGE,
        /** reads nothing more: answers what is due, then sends the last frame and closes */
        ENDING
    }

    private final EcstreamSettings settings;
    private final MessageReception reception;
    private final MessageFrames frames;
    private final Batch batch;

    private State state = State.AWAIT_VERSION;
    private Function<ByteBufAllocator, ByteBuf> lastFrame;
    private boolean pumping;
    private boolean pumpAgain;

    EcstreamSession(EcstreamSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                    QueueIds queueIds, Clock clock, EcstreamDecoder decoder) {
        super(LOG, decoder, settings.idleTime());
        this.settings = settings;
        this.reception = new MessageReception(this, LOG, deliverer, contentBuffers, queueIds);
        this.frames = new MessageFrames(this, settings, reception, clock);
        this.batch = new Batch(this, reception, settings.maxBatchSize());
    }

    @Override
    protected void opened() {
        write(ServerFrames::hello);
    }

    @Override
    protected void read(Object msg) {
        if (state == State.ENDING) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ByteBuf chunk) {
            content(chunk);
        } else if (msg instanceof ClientFrame frame) {
            frame(frame);
        } else {
            ctx().fireChannelRead(msg);
        }
    }

    private void frame(ClientFrame frame) {
        // (Java 17: no pattern switch yet.)
        if (frame instanceof ClientFrame.MessageStart start) {
            start(start);
        } else if (frame instanceof ClientFrame.End end) {
            end(end);
        } else if (frame instanceof ClientFrame.Version version) {
            version(version.version());
        } else if (frame instanceof ClientFrame.Abort abort) {
            abort(abort);
        } else if (frame instanceof ClientFrame.Quit) {
            quit();
        } else if (frame instanceof ClientFrame.Malformed malformed) {
            fail(malformed.problem(), malformed.text());
        }
    }

    private void version(int version) {
        if (state != State.AWAIT_VERSION) {
            fail(Wire.Problem.OUT_OF_ORDER, "VERSION frame after the version was chosen");
            return;
        }
        if (version != Wire.VERSION_1) {
            fail(Wire.Problem.UNSUPPORTED_VERSION, "version " + version + " is not offered; this server speaks "
                    + Wire.VERSION_1);
            return;
        }
        state = State.BETWEEN_MESSAGES;
        write(alloc -> ServerFrames.ready(alloc, settings));
    }

    private void start(ClientFrame.MessageStart start) {
        if (state != State.BETWEEN_MESSAGES) {
            outOfOrder("MESSAGE");
            return;
        }
        frames.start(start);
        state = State.IN_MESSAGE;
    }

    private void content(ByteBuf chunk) {
        if (state != State.IN_MESSAGE) {
            chunk.release();
            outOfOrder("DATA");
            return;
        }
        frames.content(chunk);
    }

    private void end(ClientFrame.End end) {
        if (!matchesIncoming("END", end.tag())) {
            return;
        }
        if (end.length() != frames.bytes()) {
            fail(Wire.Problem.END_MISMATCH, "END frame of tag " + Long.toUnsignedString(end.tag()) + " says "
                    + Long.toUnsignedString(end.length()) + " content bytes; its DATA frames carried "
                    + frames.bytes());
            return;
        }
        state = State.BETWEEN_MESSAGES;
        batch.add(frames.end());
        // At once, not only in pump(): this may run inside a resume() of the decoder, whose next frame must wait.
        updateReading();
        pump();
    }

    private void abort(ClientFrame.Abort abort) {
        if (!matchesIncoming("ABORT", abort.tag())) {
            return;
        }
        batch.add(frames.abort());
        state = State.BETWEEN_MESSAGES;
        updateReading();
        pump();
    }

    private boolean matchesIncoming(String frame, long tag) {
        if (state != State.IN_MESSAGE) {
            outOfOrder(frame);
            return false;
        }
        if (tag != frames.tag()) {
            fail(Wire.Problem.END_MISMATCH, frame + " frame of tag " + Long.toUnsignedString(tag)
                    + " inside the message of tag " + Long.toUnsignedString(frames.tag()));
            return false;
        }
        return true;
    }

    private void quit() {
        if (state == State.IN_MESSAGE) {
            outOfOrder("QUIT");
            return;
        }
        endWith(alloc -> ServerFrames.bye(alloc, EcstreamReplies.BYE_QUIT));
    }

    private void outOfOrder(String frame) {
        String where = switch (state) {
            case AWAIT_VERSION -> "before VERSION";
            case IN_MESSAGE -> "inside the message of tag " + Long.toUnsignedString(frames.tag())
                    + " (DATA, END or ABORT expected)";
            default -> "outside a message";
        };
        fail(Wire.Problem.OUT_OF_ORDER, frame + " frame " + where);
    }

    /** The client broke the protocol: what it fully sent is still delivered and answered, then ERROR and close. */
    private void fail(Wire.Problem problem, String text) {
        LOG.fine(() -> name() + ": " + problem + ": " + ClientText.escaped(text));
        endWith(alloc -> ServerFrames.error(alloc, problem, text));
    }

    /** The delivery in flight finishes; messages not yet handed over are told to come back later. */
    @Override
    protected void listenerClosing() {
        batch.refuseUndelivered(EcstreamReplies.SHUTTING_DOWN);
        if (state != State.ENDING) {
            endWith(alloc -> ServerFrames.bye(alloc, EcstreamReplies.BYE_SHUTDOWN));
        } else {
            pump();
        }
    }

    @Override
    protected void idle() {
        if (state == State.ENDING) {
            return;
        }
        if (!batch.allAnswered() || reception.congested() || !ctx().channel().isWritable()) {
            // The client is waiting for us, not the other way round.
            return;
        }
        LOG.fine(() -> name() + ": idle for " + settings.idleTime() + ", closing");
        endWith(alloc -> ServerFrames.bye(alloc, EcstreamReplies.BYE_IDLE));
    }

    /** Reads nothing more; a message half-sent is dropped (it never had a reply). */
    private void endWith(Function<ByteBufAllocator, ByteBuf> last) {
        state = State.ENDING;
        lastFrame = last;
        frames.drop();
        updateReading();
        pump();
    }

    /**
     * Moves the session on: writes the replies now due, starts the next delivery, closes when ending and nothing
     * is due, and opens or shuts reading. Re-entrant calls (from a resumed decoder) are folded into this one.
     */
    void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                if (closed()) {
                    return;
                }
                batch.writeAnswered();
                batch.deliverNext();
                if (state == State.ENDING && batch.allAnswered()) {
                    closeWith(lastFrame.apply(ctx().alloc()));
                    return;
                }
                updateReading();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    protected void disconnected(boolean unexpectedly) {
        if (unexpectedly && (!batch.allAnswered() || frames.receiving())) {
            LOG.fine(() -> name() + ": connection lost with " + batch.unanswered() + " messages unanswered"
                    + (frames.receiving() ? " and one half-sent" : ""));
        }
        frames.drop();
        batch.abandon();
    }

    /** Replies go out in order as the batch answers; the session never waits for one answer alone. */
    @Override
    protected boolean awaitsAnswer() {
        return false;
    }

    /** Reading goes on only while every limit leaves room; the decoder pauses with it, so no frame slips through. */
    @Override
    protected boolean readsNow() {
        return state != State.ENDING
                && batch.hasRoom()
                && !reception.congested()
                && ctx().channel().isWritable();
    }

    @Override
    protected void moveOn() {
        pump();
    }

    /** Sends a frame; the replies the loop's tasks write in one turn leave in one flush at its end. */
    void write(Function<ByteBufAllocator, ByteBuf> frame) {
        send(frame.apply(ctx().alloc()));
    }

    /** The client's address, as the PROXY header gave it. */
    SocketAddress client() {
        return ClientAddress.of(ctx().channel());
    }

    SessionInfo sessionInfo() {
        Channel channel = ctx().channel();
        return new SessionInfo(settings.listenerName(), Protocol.ECSTREAM, channel.localAddress(),
                ClientAddress.of(channel), "");
    }

    @Override
    public String name() {
        return settings.listenerName() + " " + ClientAddress.of(ctx().channel());
    }
}
