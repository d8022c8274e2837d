package org.mtalistener.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** The console's frames (docs/console.md): request and reply types, and the encoding of replies. */
final class ConsoleWire {

    static final int COMMAND = 1;
    static final int AUTH = 3;

    static final int TEXT = 1;
    static final int LONG_TEXT = 2;
    static final int CHALLENGE = 3;
    static final int AUTH_REQUIRED = 4;

    /** Request header: u16 type, u16 length. */
    static final int REQUEST_HEADER = 4;
    static final int MAX_SHORT = 0xFFFF;

    private ConsoleWire() {
    }

    /** A command's output: TEXT, or LONG_TEXT (u32 length) when it does not fit 65535 bytes. */
    static ByteBuf text(ByteBufAllocator alloc, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_SHORT) {
            return shortFrame(alloc, TEXT, bytes);
        }
        ByteBuf frame = alloc.buffer(6 + bytes.length);
        return frame.writeShort(LONG_TEXT).writeInt(bytes.length).writeBytes(bytes);
    }

    static ByteBuf challenge(ByteBufAllocator alloc, String base64) {
        return shortFrame(alloc, CHALLENGE, base64.getBytes(StandardCharsets.US_ASCII));
    }

    /** Not authenticated: the mechanisms offered, separated by one space (empty when none is). */
    static ByteBuf authRequired(ByteBufAllocator alloc, String mechanisms) {
        return shortFrame(alloc, AUTH_REQUIRED, mechanisms.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuf shortFrame(ByteBufAllocator alloc, int type, byte[] payload) {
        ByteBuf frame = alloc.buffer(4 + payload.length);
        return frame.writeShort(type).writeShort(payload.length).writeBytes(payload);
    }
}
