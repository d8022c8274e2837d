package org.mtalistener.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import org.mtalistener.net.PausableDecoder;

/**
 * Holds the bytes in front of the HTTP codec while the session waits for the MDB: a pipelined request is decoded
 * only once the reply before it is out. Netty's HTTP decoder cannot pause itself; this passes bytes on as they
 * come otherwise.
 */
final class HeldBytes extends PausableDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (mayDecode(in) && in.isReadable()) {
            out.add(in.readRetainedSlice(in.readableBytes()));
        }
    }
}
