package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the fields of one frame's payload, naming the frame and the field when the payload does not hold them. */
final class PayloadReader {

    /** A payload that does not match its frame type's layout. */
    static final class MalformedPayload extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPayload(String message) {
            super(message, null, false, false);
        }
    }

    private final ByteBuf payload;
    private final String frame;

    PayloadReader(ByteBuf payload, int type) {
        this.payload = payload;
        this.frame = Wire.typeName(type) + " frame";
    }

    int u16(String field) throws MalformedPayload {
        need(2, field);
        return payload.readUnsignedShort();
    }

    long u64(String field) throws MalformedPayload {
        need(8, field);
        return payload.readLong();
    }

    String str16(String field) throws MalformedPayload {
        int length = u16(field + " length");
        need(length, field);
        ByteBuffer bytes = payload.nioBuffer(payload.readerIndex(), length);
        payload.skipBytes(length);
        try {
            // Strict: a lenient decoder would turn bad bytes into U+FFFD and hide a producer's encoding bug.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayload(frame + ": " + field + " is not valid UTF-8");
        }
    }

    void end() throws MalformedPayload {
        if (payload.isReadable()) {
            throw new MalformedPayload(frame + " has " + payload.readableBytes() + " bytes after its last field");
        }
    }

    private void need(int bytes, String field) throws MalformedPayload {
        if (payload.readableBytes() < bytes) {
            throw new MalformedPayload(frame + " ends inside its " + field);
        }
    }
}
