package org.mtalistener.control;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mtalistener.net.Arrivals;

/**
 * Any bytes as console input must be framed as docs/console.md reads them ({@link #expected}): u16 type, u16 length,
 * that many bytes of UTF-8; a type other than COMMAND or AUTH ends the framing. And the same however the bytes
 * arrive.
 */
class ConsoleDecoderFuzzTest {

    @FuzzTest
    void framesRequestsHoweverTheBytesArrive(byte[] input) {
        Arrivals.assertFramed(expected(input), input, ConsoleDecoder::new, (decoder, item) -> {
            if (item instanceof ConsoleRequest.Command command) {
                return ConsoleWire.COMMAND + ":" + command.line();
            }
            if (item instanceof ConsoleRequest.Auth auth) {
                return ConsoleWire.AUTH + ":" + auth.payload();
            }
            return "bad";
        });
    }

    private static List<String> expected(byte[] input) {
        List<String> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= ConsoleWire.REQUEST_HEADER) {
            int type = in.getShort() & 0xFFFF;
            int length = in.getShort() & 0xFFFF;
            if (type != ConsoleWire.COMMAND && type != ConsoleWire.AUTH) {
                events.add("bad");
                break;
            }
            if (in.remaining() < length) {
                break;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            events.add(type + ":" + new String(payload, StandardCharsets.UTF_8));
        }
        return events;
    }
}
