package org.mtalistener.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.mtalistener.delivery.ReceivingSession;

/**
 * The life of one protocol session, the same for ESMTP, ECStream and the console: the greeting once the connection
 * is open, the idle timeout ({@link IdleSweep}), the listener's closing ({@link ListenerClosing}), failures, the end of the connection,
 * reading held and resumed (autoRead and the {@link PausableDecoder} together) and the hop back to the event loop.
 * A subclass says only its protocol: what it greets with, what it does with what it reads, when it reads, and its
 * last words.
 *
 * <p>What a session {@linkplain #send sends} goes out in one flush when the read that asked for it is complete, or
 * at the end of the event loop's turn: the replies to a pipelined group of commands or to the frames of one read,
 * and the answers to the deliveries the loop completed in that turn, cost one write between them, not one each.
 *
 * <p>A base class rather than a handler of its own in the pipeline: every one of these moments needs the protocol's
 * state (is a delivery out, what is the last word), and one handler keeps the pipeline and its order as they were.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it.
 */
public abstract class ProtocolSession extends ChannelInboundHandlerAdapter implements ReceivingSession {

    private final Logger log;
    private final PausableDecoder decoder;
    /** The client's idle time; 0: none. */
    final long idleNanos;
    /** When the client last sent anything (or a wait on our side ended), on the loop's clock: {@link IdleSweep}'s. */
    long lastRead;
    /** The sessions before and after this one in its loop's {@link IdleSweep}. */
    ProtocolSession idlePrevious;
    ProtocolSession idleNext;
    private ChannelHandlerContext ctx;
    private boolean opened;
    private boolean closed;
    /** The listener closed while the session awaited an answer: it closes once that answer is out. */
    private boolean closeWhenAnswered;
    /** Something was sent and not yet flushed; the flush at the end of the turn is asked for. */
    private boolean flushDue;
    private final Runnable flushAtEndOfTurn = this::flushNow;

    /**
     * @param log     the protocol's session logger: these lines are its sessions' story
     * @param decoder  the decoder in front of the session, held while the session does not decode
     * @param idleTime how long the client may stay silent before {@link #idle}; zero: for ever
     */
    protected ProtocolSession(Logger log, PausableDecoder decoder, Duration idleTime) {
        this.log = log;
        this.decoder = decoder;
        this.idleNanos = idleTime.toNanos();
    }

    // --- what the protocol says

    /** The connection is open (or the session joined an open one): the session's first words; called once. */
    protected abstract void opened();

    /** What the decoder passed on, while the session is open. */
    protected abstract void read(Object msg);

    /**
     * Whether the client waits for the session's endpoint: a delivery, a recipient check or a command is out and
     * reading is held until its answer is written ({@link #readAgain}). Meanwhile the client is not idle, and a closing
     * listener lets that answer go out first. A session that answers a batch as it goes (ECStream) never waits so.
     */
    protected abstract boolean awaitsAnswer();

    /** Whether the session reads from the socket now (autoRead). */
    protected abstract boolean readsNow();

    /** Whether the decoder may pass on what it holds now; by default exactly while the session reads. */
    protected boolean decodesNow() {
        return readsNow();
    }

    /** The client has been idle for the idle time, with no answer awaited: the session may say so and close. */
    protected abstract void idle();

    /** The listener is closing (and no answer is awaited): the session says its last words and closes. */
    protected abstract void listenerClosing();

    /** The session ended on its side ({@link #abort}, {@link #close}, {@link #closeWith}): drops what it held. */
    protected void ended() {
    }

    /** The connection is gone; {@code unexpectedly}: while the session was still open. */
    protected void disconnected(boolean unexpectedly) {
    }

    /** Events that are not the session's lifecycle; passed on by default. */
    protected void event(Object event) {
        ctx.fireUserEventTriggered(event);
    }

    /** Logs a failure on the channel; the session closes after it. */
    protected void logFailure(Throwable cause) {
        if (cause.getCause() instanceof NoRenegotiationEngine.Refused refused) {
            log.info(() -> name() + ": " + refused.getMessage() + ", closing the session");
        } else if (cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // Resets and broken pipes are how many clients end a session; a failed handshake is told where it fails.
            log.fine(() -> name() + ": " + cause);
        } else {
            log.log(Level.WARNING, name() + ": unexpected failure, closing the session", cause);
        }
    }

    /** What the session does once a wait on our side is over ({@link #waitOver}); by default it re-decides reading. */
    protected void moveOn() {
        updateReading();
    }

    // --- the lifecycle, the same for every protocol

    @Override
    public final void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // An accepted channel is already active when its pipeline is built (behind a PROXY header too).
        if (ctx.channel().isActive()) {
            open();
        }
    }

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        open();
        ctx.fireChannelActive();
    }

    private void open() {
        if (!opened) {
            opened = true;
            if (idleNanos > 0) {
                lastRead = IdleSweep.now(ctx.executor());
                IdleSweep.join(ctx.executor(), this);
            }
            opened();
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
        } else {
            read(msg);
        }
    }

    /**
     * A read from the socket is over: the client is not idle, and what this read's input was answered with goes out
     * in one flush, without waiting for the other channels' reads.
     */
    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        lastRead = IdleSweep.now(ctx.executor());
        flushNow();
        ctx.fireChannelReadComplete();
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ListenerClosing.EVENT) {
            if (closed) {
                return;
            }
            if (awaitsAnswer()) {
                closeWhenAnswered = true;
            } else {
                listenerClosing();
            }
        } else if (event instanceof IdleStateEvent idle) {
            // Waiting for our endpoint is not the client idling.
            if (idle.state() != IdleState.WRITER_IDLE && !closed && !awaitsAnswer()) {
                idle();
            }
        } else {
            event(event);
        }
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logFailure(cause);
        if (!closed) {
            abort();
            ctx.close();
        }
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        boolean unexpectedly = !closed;
        closed = true;
        IdleSweep.leave(ctx.executor(), this);
        disconnected(unexpectedly);
        ctx.fireChannelInactive();
    }

    // --- what the protocol does with it

    protected final ChannelHandlerContext ctx() {
        return ctx;
    }

    /** Whether the session is over: it reads nothing more, and its last word (if any) is written. */
    @Override
    public final boolean closed() {
        return closed;
    }

    /** Ends the session at once, without a last word: nothing more is read or answered. */
    protected final void abort() {
        closed = true;
        decoder.pause();
        ended();
    }

    /** Ends the session and closes the connection without a last word. */
    protected final void close() {
        abort();
        ctx.close();
    }

    /**
     * Writes {@code message} to the client; it goes out with everything else sent meanwhile, in one flush once the read
     * is complete or, sent from a task (a delivery's answer), after the loop's tasks of this turn: the deliveries the
     * loop completes one task after the other share it. A last word flushes everything at once.
     */
    protected final void send(Object message) {
        ctx.write(message);
        if (flushDue) {
            return;
        }
        flushDue = true;
        EventLoop loop = ctx.channel().eventLoop();
        try {
            if (loop instanceof SingleThreadEventLoop turns) {
                turns.executeAfterEventLoopIteration(flushAtEndOfTurn);
            } else {
                loop.execute(flushAtEndOfTurn);
            }
        } catch (RejectedExecutionException e) {
            flushNow(); // the loop is shutting down: this turn is its last
        }
    }

    /** Flushes what was sent, now rather than later; nothing if nothing was. */
    protected final void flushNow() {
        if (flushDue) {
            flushDue = false;
            ctx.flush();
        }
    }

    /** Ends the session with a last word: the connection closes once it is written. */
    protected final void closeWith(Object last) {
        abort();
        flushDue = false;
        ctx.writeAndFlush(last).addListener(LastWord.THEN_CLOSE);
    }

    /**
     * Reading follows the session: autoRead as {@link #readsNow}, then the decoder as {@link #decodesNow} (a resumed
     * decoder passes on what it held at once, so the session may be called back from here).
     */
    @Override
    public final void updateReading() {
        if (closed) {
            return;
        }
        ctx.channel().config().setAutoRead(readsNow());
        if (decodesNow()) {
            decoder.resume();
        } else {
            decoder.pause();
        }
    }

    /**
     * The answer the client waited for is written: the session reads again, what came meanwhile first; or closes,
     * if its listener closed meanwhile.
     */
    protected final void readAgain() {
        if (closeWhenAnswered) {
            listenerClosing();
            return;
        }
        resetIdleTimer();
        updateReading();
    }

    /** A wait on our side (the disk, a delivery) is over: the client gets a whole idle period from now. */
    @Override
    public final void waitOver() {
        resetIdleTimer();
        moveOn();
    }

    /** A wait on our side is not the client idling: give it a whole idle period from now. */
    protected final void resetIdleTimer() {
        lastRead = IdleSweep.now(ctx.executor());
    }

    /** For {@link IdleSweep}: whether the connection is still open. */
    final boolean channelOpen() {
        return ctx.channel().isOpen();
    }

    /** For {@link IdleSweep}: where the session's idle time is told. */
    final ChannelPipeline channelPipeline() {
        return ctx.pipeline();
    }

    /**
     * Runs {@code task} on the session's event loop, where its state belongs; a loop already shut down (the listener
     * stopped) drops it, logged at FINE.
     */
    @Override
    public final void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.fine(() -> name() + ": event loop gone, dropped " + task);
        }
    }
}
