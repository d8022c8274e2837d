package org.mtalistener.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * For the session fuzz tests: put first in a pipeline, it sees every write and close a session makes and records the
 * writes that come after the connection was closed, which a session must never make.
 */
public final class WritesAfterClose extends ChannelOutboundHandlerAdapter {

    private final List<String> late = new ArrayList<>();
    private boolean closed;

    /** What was written after the close, as strings. */
    public List<String> late() {
        return late;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (closed) {
            late.add(String.valueOf(msg));
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        closed = true;
        super.close(ctx, promise);
    }
}
