package org.mtalistener.ecstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Client frames written from the format in docs/ecstream.md, independently of the client library, and the server's
 * frames read back as short strings such as {@code ACCEPTED 7} or {@code TEMPFAIL 2 451 4.3.0 transaction failed}.
 */
final class ClientBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ClientBytes frame(int type, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(5).put((byte) type).putInt(payload.length).array());
        out.writeBytes(payload);
        return this;
    }

    ClientBytes version(int version) {
        return frame(0x02, ByteBuffer.allocate(2).putShort((short) version).array());
    }

    ClientBytes message(long tag, String sender, String... recipients) {
        return message(tag, sender, List.of(recipients), List.of());
    }

    ClientBytes message(long tag, String sender, List<String> recipients, List<String[]> parameters) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(ByteBuffer.allocate(8).putLong(tag).array());
        str16(payload, sender);
        payload.writeBytes(ByteBuffer.allocate(2).putShort((short) recipients.size()).array());
        recipients.forEach(r -> str16(payload, r));
        payload.writeBytes(ByteBuffer.allocate(2).putShort((short) parameters.size()).array());
        parameters.forEach(p -> {
            str16(payload, p[0]);
            str16(payload, p[1]);
        });
        return frame(0x10, payload.toByteArray());
    }

    ClientBytes data(String content) {
        return frame(0x11, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    ClientBytes end(long tag, long length) {
        return frame(0x12, ByteBuffer.allocate(16).putLong(tag).putLong(length).array());
    }

    ClientBytes abort(long tag) {
        return frame(0x13, ByteBuffer.allocate(8).putLong(tag).array());
    }

    ClientBytes quit() {
        return frame(0x1F, new byte[0]);
    }

    /** MESSAGE, one DATA, END. */
    ClientBytes mail(long tag, String content) {
        return message(tag, "a@x.example", "b@y.example").data(content).end(tag, content.length());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static void str16(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) bytes.length).array());
        out.writeBytes(bytes);
    }

    /** The server's frames, one string each. */
    static List<String> serverFrames(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.get() & 0xFF;
            int length = in.getInt();
            ByteBuffer p = in.slice().limit(length);
            in.position(in.position() + length);
            frames.add(switch (type) {
                case 0x01 -> "HELLO";
                case 0x03 -> "READY " + p.getShort() + " batch " + p.getInt() + " frame " + p.getInt() + " size "
                        + p.getLong() + " rcpts " + p.getInt() + " idle " + p.getInt();
                case 0x20 -> "ACCEPTED " + p.getLong();
                case 0x21, 0x22 -> (type == 0x21 ? "TEMPFAIL " : "PERMFAIL ") + p.getLong() + " " + p.getShort()
                        + " " + str16(p) + " " + str16(p);
                case 0x30 -> "BYE " + p.getShort() + " " + str16(p);
                case 0x7F -> "ERROR " + p.getShort() + " " + str16(p);
                default -> "UNKNOWN " + type;
            });
        }
        return frames;
    }

    private static String str16(ByteBuffer p) {
        byte[] bytes = new byte[p.getShort() & 0xFFFF];
        p.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
