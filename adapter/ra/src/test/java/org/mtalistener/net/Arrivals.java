package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * For the decoder fuzz tests: what a {@link PausableDecoder} emits for some input must be what the protocol's rules
 * say, however the bytes arrive: in one read, one byte a read, or with the decoder paused after every item (as a
 * session holds pipelined input) and resumed until it emits nothing more. Every buffer must be released.
 *
 * <p>Items are written down as strings: content ({@code ByteBuf}) as {@code C:} and its bytes as ISO-8859-1 chars,
 * consecutive content merged, since how it is sliced is the decoder's business; anything else as the test's
 * {@code describe} says, which may also switch the decoder's mode as a session would.
 */
public final class Arrivals {

    private Arrivals() {
    }

    public static <D extends PausableDecoder> void assertFramed(List<String> expected, byte[] input,
                                                                Supplier<D> decoders,
                                                                BiFunction<D, Object, String> describe) {
        assertEquals(expected, events(input, input.length, false, decoders, describe), "in one read");
        assertEquals(expected, events(input, 1, false, decoders, describe), "one byte a read");
        assertEquals(expected, events(input, input.length, true, decoders, describe), "paused after every item");
    }

    /** Appends content to the events as the decoder's output is written down. */
    public static void content(List<String> events, String text) {
        int last = events.size() - 1;
        if (last >= 0 && events.get(last).startsWith("C:")) {
            events.set(last, events.get(last) + text);
        } else {
            events.add("C:" + text);
        }
    }

    private static <D extends PausableDecoder> List<String> events(byte[] input, int step, boolean pauseAfterEach,
                                                                   Supplier<D> decoders,
                                                                   BiFunction<D, Object, String> describe) {
        D decoder = decoders.get();
        List<String> events = new ArrayList<>();
        int[] items = new int[1];
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                items[0]++;
                if (msg instanceof ByteBuf bytes) {
                    content(events, bytes.toString(StandardCharsets.ISO_8859_1));
                    bytes.release();
                } else {
                    events.add(describe.apply(decoder, msg));
                }
                if (pauseAfterEach) {
                    decoder.pause();
                }
            }
        });
        List<ByteBuf> inputs = new ArrayList<>();
        for (int at = 0; at < input.length; at += step) {
            ByteBuf buffer = Unpooled.wrappedBuffer(Arrays.copyOfRange(input, at, Math.min(input.length, at + step)));
            inputs.add(buffer);
            channel.writeInbound(buffer);
        }
        for (int seen = -1; pauseAfterEach && seen != items[0]; ) {
            seen = items[0];
            decoder.resume();
        }
        channel.finishAndReleaseAll();
        for (ByteBuf buffer : inputs) {
            assertEquals(0, buffer.refCnt(), "an input buffer was not released");
        }
        return events;
    }
}
