package org.mtalistener.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * A decoder its session can hold: while a delivery is in flight (or the session waits for anything else of its
 * own) it emits nothing and keeps what arrives, so pipelined input is read only once the reply before it is out.
 * Subclasses begin {@code decode} with {@link #mayDecode}, and call {@link #breakStream} when the input can no
 * longer be framed.
 */
public abstract class PausableDecoder extends ByteToMessageDecoder {

    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean broken;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** Emits nothing more until {@link #resume()}; input that arrives meanwhile is kept. */
    public void pause() {
        paused = true;
    }

    /** Decodes what was kept while paused, then carries on with new input. Call on the event loop. */
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        if (ctx != null && !broken && internalBuffer().isReadable()) {
            try {
                // An empty read makes ByteToMessageDecoder decode what it holds.
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    /**
     * Whether {@code decode} may emit now: not while paused; never again once the stream is broken, when whatever
     * arrives is discarded here.
     */
    protected final boolean mayDecode(ByteBuf in) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        return !paused;
    }

    /** The input cannot be framed any more: discards it, and everything that follows. */
    protected final void breakStream(ByteBuf in) {
        broken = true;
        in.skipBytes(in.readableBytes());
    }

    protected final boolean isBroken() {
        return broken;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            // ByteToMessageDecoder would ask for more input because nothing was decoded; the session stopped
            // reading on purpose, so it must not. (Skipping super leaves its read-on-demand flag stale for one
            // read; the sessions never rely on read-on-demand, they turn autoRead back on themselves.)
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }
}
