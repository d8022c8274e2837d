package org.mtalistener.ecstream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.mtalistener.net.Arrivals;

/**
 * Any bytes as ECStream input must be framed as docs/ecstream.md reads them ({@link #expected}): DATA payloads as
 * content, exactly as long as declared; other client frames parsed so that writing them again gives their payload
 * byte for byte; a frame too long, of an unknown type or with a payload not of its layout ends the framing. And the
 * same however the bytes arrive.
 */
class EcstreamDecoderFuzzTest {

    private static final HexFormat HEX = HexFormat.of();

    @FuzzTest
    void framesAsTheWireFormatReadsHoweverTheBytesArrive(byte[] input) {
        Arrivals.assertFramed(expected(input), input, EcstreamDecoder::new,
                (decoder, item) -> item instanceof ClientFrame.Malformed bad ? "M:" + bad.problem()
                        : "F:" + HEX.formatHex(written((ClientFrame) item)));
    }

    private static List<String> expected(byte[] input) {
        List<String> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= Wire.HEADER) {
            int type = in.get() & 0xFF;
            long length = in.getInt() & 0xFFFFFFFFL;
            if (length > Wire.MAX_FRAME) {
                events.add("M:" + Wire.Problem.FRAME_TOO_LONG);
                return events;
            }
            if (type == Wire.DATA) {
                byte[] content = new byte[(int) Math.min(length, in.remaining())];
                in.get(content);
                // an empty DATA frame is still an item; a frame's first bytes are one once they arrive
                if (length == 0 || content.length > 0) {
                    Arrivals.content(events, new String(content, StandardCharsets.ISO_8859_1));
                }
                continue;
            }
            if (type != Wire.VERSION && type != Wire.MESSAGE && type != Wire.END && type != Wire.ABORT
                    && type != Wire.QUIT) {
                events.add("M:" + Wire.Problem.UNKNOWN_FRAME);
                return events;
            }
            if (in.remaining() < length) {
                return events;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            if (!hasLayout(type, ByteBuffer.wrap(payload))) {
                events.add("M:" + Wire.Problem.MALFORMED_FRAME);
                return events;
            }
            events.add("F:" + HEX.formatHex(new byte[] {(byte) type}) + HEX.formatHex(payload));
        }
        return events;
    }

    /** Whether the payload holds exactly its frame type's fields, strings in strict UTF-8. */
    private static boolean hasLayout(int type, ByteBuffer p) {
        boolean fields = switch (type) {
            case Wire.VERSION -> skip(p, 2);
            case Wire.END -> skip(p, 16);
            case Wire.ABORT -> skip(p, 8);
            case Wire.QUIT -> true;
            default -> skip(p, 8) && string(p) && strings(p, 1) && strings(p, 2);
        };
        return fields && !p.hasRemaining();
    }

    /** A u16 count, then count times {@code perItem} strings. */
    private static boolean strings(ByteBuffer p, int perItem) {
        if (p.remaining() < 2) {
            return false;
        }
        int count = p.getShort() & 0xFFFF;
        for (int i = 0; i < count * perItem; i++) {
            if (!string(p)) {
                return false;
            }
        }
        return true;
    }

    private static boolean string(ByteBuffer p) {
        if (p.remaining() < 2) {
            return false;
        }
        int length = p.getShort() & 0xFFFF;
        if (p.remaining() < length) {
            return false;
        }
        ByteBuffer bytes = p.slice().limit(length);
        p.position(p.position() + length);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean skip(ByteBuffer p, int bytes) {
        if (p.remaining() < bytes) {
            return false;
        }
        p.position(p.position() + bytes);
        return true;
    }

    /** The frame as a client writes it: type byte, then payload (the length is not part of it). */
    private static byte[] written(ClientFrame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (frame instanceof ClientFrame.Version version) {
            out.write(Wire.VERSION);
            u16(out, version.version());
        } else if (frame instanceof ClientFrame.End end) {
            out.writeBytes(ByteBuffer.allocate(17).put((byte) Wire.END).putLong(end.tag()).putLong(end.length())
                    .array());
        } else if (frame instanceof ClientFrame.Abort abort) {
            out.writeBytes(ByteBuffer.allocate(9).put((byte) Wire.ABORT).putLong(abort.tag()).array());
        } else if (frame instanceof ClientFrame.Quit) {
            out.write(Wire.QUIT);
        } else if (frame instanceof ClientFrame.MessageStart message) {
            out.writeBytes(ByteBuffer.allocate(9).put((byte) Wire.MESSAGE).putLong(message.tag()).array());
            str16(out, message.sender());
            u16(out, message.recipients().size());
            message.recipients().forEach(recipient -> str16(out, recipient));
            u16(out, message.parameters().size());
            for (Map.Entry<String, String> parameter : message.parameters()) {
                str16(out, parameter.getKey());
                str16(out, parameter.getValue());
            }
        } else {
            throw new AssertionError(frame);
        }
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }

    private static void str16(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        u16(out, bytes.length);
        out.writeBytes(bytes);
    }
}
