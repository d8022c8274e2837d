package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.mtalistener.mail.Reply;

/** Writes the frames the server sends, byte for byte as {@code docs/ecstream.md} lays them out. */
final class ServerFrames {

    private ServerFrames() {
    }

    static ByteBuf hello(ByteBufAllocator alloc) {
        ByteBuf frame = start(alloc, Wire.HELLO);
        frame.writeBytes(Wire.MAGIC).writeByte(Wire.VERSIONS.length);
        for (int version : Wire.VERSIONS) {
            frame.writeShort(version);
        }
        return finish(frame);
    }

    static ByteBuf ready(ByteBufAllocator alloc, EcstreamSettings settings) {
        ByteBuf frame = start(alloc, Wire.READY)
                .writeShort(Wire.VERSION_1)
                .writeInt(settings.maxBatchSize())
                .writeInt(Wire.MAX_FRAME)
                .writeLong(settings.maxMessageSize())
                .writeInt(Wire.MAX_RECIPIENTS)
                .writeInt((int) Math.min(settings.idleTime().toSeconds(), 0xFFFF_FFFFL));
        return finish(frame);
    }

    static ByteBuf accepted(ByteBufAllocator alloc, long tag, String queueId) {
        ByteBuf frame = start(alloc, Wire.ACCEPTED).writeLong(tag);
        str16(frame, queueId);
        return finish(frame);
    }

    /** TEMPFAIL for a 4xx reply, PERMFAIL for a 5xx one. */
    static ByteBuf refused(ByteBufAllocator alloc, long tag, Reply reply) {
        ByteBuf frame = start(alloc, reply.code() >= 500 ? Wire.PERMFAIL : Wire.TEMPFAIL)
                .writeLong(tag)
                .writeShort(reply.code());
        str16(frame, reply.enhancedCode() == null ? "" : reply.enhancedCode());
        str16(frame, String.join(" ", reply.lines()));
        return finish(frame);
    }

    static ByteBuf bye(ByteBufAllocator alloc, Reply reply) {
        ByteBuf frame = start(alloc, Wire.BYE).writeShort(reply.code());
        str16(frame, String.join(" ", reply.lines()));
        return finish(frame);
    }

    static ByteBuf error(ByteBufAllocator alloc, Wire.Problem problem, String text) {
        ByteBuf frame = start(alloc, Wire.ERROR).writeShort(problem.code);
        str16(frame, text);
        return finish(frame);
    }

    private static ByteBuf start(ByteBufAllocator alloc, int type) {
        // The length is filled in by finish(), once the payload is written.
        return alloc.buffer(64).writeByte(type).writeInt(0);
    }

    private static ByteBuf finish(ByteBuf frame) {
        return frame.setInt(1, frame.readableBytes() - Wire.HEADER);
    }

    private static void str16(ByteBuf frame, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Texts are ours or sanitized MDB replies; cut rather than corrupt the frame if one is absurdly long.
        int length = Math.min(bytes.length, 0xFFFF);
        frame.writeShort(length).writeBytes(bytes, 0, length);
    }
}
