package org.mtalistener.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import org.mtalistener.net.Arrivals;

/**
 * Any bytes as SMTP input, framed by the decoder as a session drives it (data mode after {@code DATA}, a chunk after
 * {@code BDAT n}), must give what a plain reading of RFC 5321 gives ({@link #expected}): lines, overlong lines
 * reported once, content unstuffed and ended only by CR LF "." CR LF, chunks of exactly n octets. And the same
 * whether the bytes come in one read, one byte a read, or with the decoder paused after every item.
 */
class SmtpInputDecoderFuzzTest {

    private static final Pattern BDAT = Pattern.compile("BDAT ([1-9][0-9]{0,3})( LAST)?", Pattern.CASE_INSENSITIVE);

    @FuzzTest
    void framesAsRfc5321ReadsHoweverTheBytesArrive(byte[] input) {
        Arrivals.assertFramed(expected(input), input, () -> new SmtpInputDecoder(BareNewlinePolicy.ALLOW, Duration.ZERO, 0), (decoder, item) -> {
            if (item instanceof String line) {
                long next = chunkAfter(line);
                if (next > 0) {
                    decoder.startChunk(next);
                } else if (next < 0) {
                    decoder.startData();
                }
                return "L:" + line;
            }
            return String.valueOf(item);
        });
    }

    /** What a command line starts, as the session reads it: -1 data mode (DATA), n a chunk (BDAT n), 0 nothing. */
    private static long chunkAfter(String line) {
        Matcher bdat = BDAT.matcher(line);
        return bdat.matches() ? Long.parseLong(bdat.group(1)) : line.equalsIgnoreCase("DATA") ? -1 : 0;
    }

    /** The items the decoder should emit, written down as {@link Arrivals} does, from the rules alone. */
    private static List<String> expected(byte[] input) {
        List<String> events = new ArrayList<>();
        int at = 0;
        while (at < input.length) {
            int lf = indexOf(input, (byte) '\n', at);
            if (lf < 0) {
                // an unfinished line is reported as too long once it cannot fit any more
                if (input.length - at >= SmtpInputDecoder.MAX_LINE) {
                    events.add(SmtpInputDecoder.Signal.LINE_TOO_LONG.name());
                }
                break;
            }
            int start = at;
            int end = lf > start && input[lf - 1] == '\r' ? lf - 1 : lf;
            at = lf + 1;
            if (end - start > SmtpInputDecoder.MAX_LINE - 2) {
                events.add(SmtpInputDecoder.Signal.LINE_TOO_LONG.name());
                continue;
            }
            String line = new String(input, start, end - start, StandardCharsets.ISO_8859_1);
            events.add("L:" + line);
            long next = chunkAfter(line);
            if (next > 0) {
                int chunk = (int) Math.min(next, input.length - at);
                content(input, at, at + chunk, false, events);
                at += chunk;
                if (chunk == next) {
                    events.add(SmtpInputDecoder.Signal.END_OF_CHUNK.name());
                }
            } else if (next < 0) {
                at = data(input, at, events);
            }
        }
        return events;
    }

    /**
     * The content from {@code at}, where a line starts (the DATA command's CR LF counts): up to the first CR LF "."
     * CR LF, unstuffed. Unended, a "." or "." CR at a line start at the very end is held back, since the next byte
     * decides whether it is the end. Returns where the commands go on.
     */
    private static int data(byte[] input, int at, List<String> events) {
        for (int dot = at; dot < input.length; dot++) {
            if (input[dot] == '.' && lineStart(input, at, dot) && dot + 2 < input.length && input[dot + 1] == '\r'
                    && input[dot + 2] == '\n') {
                content(input, at, dot, true, events);
                events.add(SmtpInputDecoder.Signal.END_OF_DATA.name());
                return dot + 3;
            }
        }
        int end = input.length;
        if (end > at && input[end - 1] == '.' && lineStart(input, at, end - 1)) {
            end--;
        } else if (end - 1 > at && input[end - 1] == '\r' && input[end - 2] == '.' && lineStart(input, at, end - 2)) {
            end -= 2;
        }
        content(input, at, end, true, events);
        return input.length;
    }

    private static boolean lineStart(byte[] input, int contentStart, int i) {
        return i == contentStart || i >= contentStart + 2 && input[i - 2] == '\r' && input[i - 1] == '\n';
    }

    private static void content(byte[] input, int from, int to, boolean unstuff, List<String> events) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (!(unstuff && input[i] == '.' && lineStart(input, from, i))) {
                text.append((char) (input[i] & 0xFF));
            }
        }
        if (!text.isEmpty()) {
            Arrivals.content(events, text.toString());
        }
    }

    private static int indexOf(byte[] input, byte b, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
