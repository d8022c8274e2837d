package org.mtalistener.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Put first in a pipeline, it records what each flush sent out, bytes as ISO-8859-1 chars: each flush of a socket is
 * one write system call, so a test sees how many a group of replies cost, and whether a flush went out empty.
 * Written on the event loop, read by the test's thread.
 */
public final class Flushes extends ChannelOutboundHandlerAdapter {

    private final List<List<String>> flushed = new ArrayList<>();
    private List<String> written = new ArrayList<>();

    /** What each flush so far carried, one list of writes per flush. */
    public synchronized List<List<String>> flushed() {
        return List.copyOf(flushed);
    }

    @Override
    public synchronized void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        written.add(msg instanceof ByteBuf buffer ? buffer.toString(StandardCharsets.ISO_8859_1) : String.valueOf(msg));
        super.write(ctx, msg, promise);
    }

    @Override
    public synchronized void flush(ChannelHandlerContext ctx) throws Exception {
        flushed.add(List.copyOf(written));
        written = new ArrayList<>();
        super.flush(ctx);
    }
}
