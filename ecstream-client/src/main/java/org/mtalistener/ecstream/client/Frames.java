package org.mtalistener.ecstream.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The frames of {@code docs/ecstream.md}, version 1, as the client reads and writes them. */
final class Frames {

    static final int MAX_FRAME = 1 << 20;
    static final int VERSION_1 = 1;
    static final byte[] MAGIC = "ECSTREAM".getBytes(StandardCharsets.US_ASCII);

    static final int HELLO = 0x01;
    static final int VERSION = 0x02;
    static final int READY = 0x03;
    static final int MESSAGE = 0x10;
    static final int DATA = 0x11;
    static final int END = 0x12;
    static final int ABORT = 0x13;
    static final int QUIT = 0x1F;
    static final int ACCEPTED = 0x20;
    static final int TEMPFAIL = 0x21;
    static final int PERMFAIL = 0x22;
    static final int BYE = 0x30;
    static final int ERROR = 0x7F;

    /** One frame as read: its type and its payload, positioned at the first field. */
    record Frame(int type, ByteBuffer payload) {

        int u8() {
            return payload.get() & 0xFF;
        }

        int u16() {
            return payload.getShort() & 0xFFFF;
        }

        long u32() {
            return payload.getInt() & 0xFFFF_FFFFL;
        }

        long u64() {
            return payload.getLong();
        }

        String str16() throws CharacterCodingException {
            int length = u16();
            ByteBuffer bytes = payload.slice().limit(length);
            payload.position(payload.position() + length);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        }
    }

    private Frames() {
    }

    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EcstreamException("the server closed the connection");
        }
        long length = in.readInt() & 0xFFFF_FFFFL;
        if (length > MAX_FRAME) {
            throw new EcstreamException("the server sent a frame of " + length + " bytes; the most is " + MAX_FRAME);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(type, ByteBuffer.wrap(payload));
    }

    static void write(OutputStream out, int type, byte[] payload, int length) throws IOException {
        out.write(type);
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(payload, 0, length);
    }

    static void write(OutputStream out, int type, Fields fields) throws IOException {
        write(out, type, fields.bytes.toByteArray(), fields.bytes.size());
    }

    /** Builds a payload field by field. */
    static final class Fields {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream data = new DataOutputStream(bytes);

        Fields u16(int value) {
            return run(() -> data.writeShort(value));
        }

        Fields u64(long value) {
            return run(() -> data.writeLong(value));
        }

        Fields str16(String value, String what) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                throw new IllegalArgumentException(what + " is longer than 65535 bytes");
            }
            return run(() -> {
                data.writeShort(utf8.length);
                data.write(utf8);
            });
        }

        private interface Write {
            void run() throws IOException;
        }

        private Fields run(Write write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            return this;
        }
    }

    /** Reads up to {@code buffer.length} bytes, fewer only at the end of the stream. */
    static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }
}
