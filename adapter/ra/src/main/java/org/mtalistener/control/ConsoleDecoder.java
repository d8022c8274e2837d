package org.mtalistener.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mtalistener.net.PausableDecoder;

/**
 * Frames console input: one {@link ConsoleRequest} per request frame, one per {@link #decode} call, so a session
 * that pauses while a command runs leaves pipelined requests undecoded until it resumes. After a
 * {@link ConsoleRequest.Bad} it emits nothing more.
 */
final class ConsoleDecoder extends PausableDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!mayDecode(in) || in.readableBytes() < ConsoleWire.REQUEST_HEADER) {
            return;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedShort(start);
        int length = in.getUnsignedShort(start + 2);
        if (type != ConsoleWire.COMMAND && type != ConsoleWire.AUTH) {
            breakStream(in);
            out.add(new ConsoleRequest.Bad("request type " + type + " (expected 1 COMMAND or 3 AUTH)"));
            return;
        }
        if (in.readableBytes() < ConsoleWire.REQUEST_HEADER + length) {
            return;
        }
        in.skipBytes(ConsoleWire.REQUEST_HEADER);
        String payload = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
        out.add(type == ConsoleWire.COMMAND ? new ConsoleRequest.Command(payload) : new ConsoleRequest.Auth(payload));
    }

    /** Whether part of a request has arrived and waits for the rest. */
    boolean holdsPartialRequest() {
        return !isBroken() && internalBuffer().isReadable();
    }
}
