package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing on its own: lines, long lines, data with dot-stuffing, and pausing. */
class SmtpInputDecoderTest {

    private SmtpInputDecoder decoder = new SmtpInputDecoder(BareNewlinePolicy.ALLOW, Duration.ZERO, 0);
    private Recorder recorder = new Recorder();
    private EmbeddedChannel channel = new EmbeddedChannel(decoder, recorder);
    private final List<ByteBuf> inputs = new ArrayList<>();

    private void limits(Duration requestTime, long minDataRate) {
        channel.finishAndReleaseAll();
        decoder = new SmtpInputDecoder(BareNewlinePolicy.ALLOW, requestTime, minDataRate);
        recorder = new Recorder();
        channel = new EmbeddedChannel(decoder, recorder);
        channel.freezeTime();
    }

    private void later(long millis) {
        channel.advanceTimeBy(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void policy(BareNewlinePolicy policy) {
        channel.finishAndReleaseAll();
        decoder = new SmtpInputDecoder(policy, Duration.ZERO, 0);
        recorder = new Recorder();
        channel = new EmbeddedChannel(decoder, recorder);
    }

    /** Writes down what the decoder emits; enters data mode on "DATA" like the session, pauses on "PAUSE". */
    private final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new ArrayList<>();
        int chunks;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf chunk) {
                chunks++;
                String text = chunk.toString(StandardCharsets.ISO_8859_1);
                chunk.release();
                int last = events.size() - 1;
                if (last >= 0 && events.get(last).startsWith("C:")) {
                    events.set(last, events.get(last) + text);
                } else {
                    events.add("C:" + text);
                }
            } else if (msg instanceof String line) {
                events.add("L:" + line);
                if (line.equals("DATA")) {
                    decoder.startData();
                } else if (line.equals("PAUSE")) {
                    decoder.pause();
                }
            } else {
                events.add(String.valueOf(msg));
            }
        }
    }

    private void write(String text) {
        ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        inputs.add(buffer);
        channel.writeInbound(buffer);
    }

    @AfterEach
    void allBuffersReleased() {
        channel.finishAndReleaseAll();
        for (ByteBuf input : inputs) {
            assertEquals(0, input.refCnt());
        }
    }

    @Test
    void linesEndAtLfWithOneCrRemoved() {
        write("HELO a\r\nNOOP\nNO\rOP\r\nX\r\r\n\r\nPART");
        assertEquals(List.of("L:HELO a", "L:NOOP", "L:NO\rOP", "L:X\r", "L:"), recorder.events);
        write("IAL\r\n");
        assertEquals("L:PARTIAL", recorder.events.get(5));
    }

    @Test
    void lineOf512OctetsWithCrlfFitsAndOneMoreDoesNot() {
        write("A".repeat(510) + "\r\n" + "B".repeat(511) + "\r\n" + "C".repeat(511) + "\n" + "NOOP\r\n");
        assertEquals(List.of("L:" + "A".repeat(510), "LINE_TOO_LONG", "LINE_TOO_LONG", "L:NOOP"), recorder.events);
    }

    @Test
    void overlongLineIsReportedOnceHoweverItArrives() {
        for (int i = 0; i < 10; i++) {
            write("x".repeat(200));
        }
        write("\r\nNOOP\r\n");
        assertEquals(List.of("LINE_TOO_LONG", "L:NOOP"), recorder.events);
    }

    @Test
    void dataEndsOnlyAtCrlfDotCrlfAndDotsAreUnstuffed() {
        write("DATA\r\n..x\r\n..\r\n.\r\n.\rx\r\n\n.\n.\r\nQUIT\r\n");
        assertEquals(List.of("L:DATA", "C:.x\r\n.\r\n", "END_OF_DATA", "L:.\rx", "L:", "L:.", "L:.", "L:QUIT"),
                recorder.events, "the data ended at the first CRLF.CRLF; the rest are command lines, not unstuffed");
    }

    @Test
    void dotRightAfterDataEndsAnEmptyMessage() {
        write("DATA\r\n.\r\nNOOP\r\n");
        assertEquals(List.of("L:DATA", "END_OF_DATA", "L:NOOP"), recorder.events);
    }

    @Test
    void smuggledEndsDoNotEndTheData() {
        write("DATA\r\nx\n.\ny\r.\rz\r\n.\nw\n.\r\nv\r.\r\nu\r\n.\rt\r\n.\r\n");
        assertEquals(List.of("L:DATA", "C:x\n.\ny\r.\rz\r\n\nw\n.\r\nv\r.\r\nu\r\n\rt\r\n", "END_OF_DATA"),
                recorder.events);
    }

    @Test
    void everySplitGivesTheSameResult() {
        String input = "EHLO x\r\nDATA\r\n..a\r\n.\r.\n\r\n.b\r\r\n.\r \r\n..\r\n.\r\nNOOP\r\n";
        write(input);
        List<String> whole = List.copyOf(recorder.events);
        assertEquals(List.of("L:EHLO x", "L:DATA", "C:.a\r\n\r.\n\r\nb\r\r\n\r \r\n.\r\n", "END_OF_DATA", "L:NOOP"),
                whole);
        for (int split = 1; split < input.length(); split++) {
            recorder.events.clear();
            write(input.substring(0, split));
            write(input.substring(split));
            assertEquals(whole, recorder.events, "split at " + split);
        }
        recorder.events.clear();
        for (char c : input.toCharArray()) {
            write(String.valueOf(c));
        }
        assertEquals(whole, recorder.events, "one byte at a time");
    }

    @Test
    void contentIsEmittedInFewChunks() {
        String content = "line without dots\r\n".repeat(1000);
        write("DATA\r\n" + content + "..one stuffed dot\r\n" + content + ".\r\n");
        assertEquals(List.of("L:DATA", "C:" + content + ".one stuffed dot\r\n" + content, "END_OF_DATA"),
                recorder.events);
        assertEquals(2, recorder.chunks, "one slice each side of the stuffed dot");
    }

    @Test
    void rejectTurnsACommandLineWithABareLineEndIntoASignal() {
        policy(BareNewlinePolicy.REJECT);
        write("HELO a\r\nNOOP\nNO\rOP\r\nX\r\r\nQUIT\r\n");
        assertEquals(List.of("L:HELO a", "BARE_NEWLINE", "BARE_NEWLINE", "BARE_NEWLINE", "L:QUIT"), recorder.events);
    }

    @Test
    void everyPolicyEndsDataOnlyAtCrlfDotCrlfAndNotesBareLineEndsAndNul() {
        for (BareNewlinePolicy policy : BareNewlinePolicy.values()) {
            policy(policy);
            write("DATA\r\nclean\r\n..\r\n.\r\n");
            assertEquals(List.of("L:DATA", "C:clean\r\n.\r\n", "END_OF_DATA"), recorder.events, policy.name());
            assertEquals(false, decoder.messageHadBareNewline(), policy.name());
            for (String dirty : List.of("a\nb", "a\rb", "a\u0000b", "\n", "a\r")) {
                recorder.events.clear();
                write("DATA\r\n" + dirty + "\r\n.\r\n");
                assertEquals("END_OF_DATA", recorder.events.get(recorder.events.size() - 1), policy + " " + dirty);
                assertEquals(true, decoder.messageHadBareNewline(), policy + " " + dirty.replace("\n", "LF"));
            }
        }
    }

    @Test
    void normalizeMakesEveryBareCrAndLfACrlfHoweverTheInputIsSplit() {
        String input = "DATA\r\na\nb\rc\r\r\n\n.\nd\u0000\r.\r\r\n.\r\nNOOP\r\n";
        List<String> expected = List.of("L:DATA", "C:a\r\nb\r\nc\r\n\r\n\r\n.\r\nd\u0000\r\n.\r\n\r\n", "END_OF_DATA",
                "L:NOOP");
        policy(BareNewlinePolicy.NORMALIZE);
        write(input);
        assertEquals(expected, recorder.events);
        for (int split = 1; split < input.length(); split++) {
            recorder.events.clear();
            write(input.substring(0, split));
            write(input.substring(split));
            assertEquals(expected, recorder.events, "split at " + split);
        }
    }

    @Test
    void aCommandLineMustBeCompleteWithinTheRequestTimeOfItsFirstOctet() {
        limits(Duration.ofSeconds(60), 500);
        write("NOOP\r\nNO");
        later(59_000);
        write("O");
        later(1_000);
        write("P\r\nRSET\r\nQU");
        assertEquals(List.of("L:NOOP", "L:NOOP", "L:RSET"), recorder.events, "a line of exactly 60 s passes");
        later(60_001);
        write("I");
        assertEquals("TOO_SLOW", recorder.events.get(3), "the QU came 60 s ago, with the RSET");
        write("T\r\nNOOP\r\n");
        assertEquals(4, recorder.events.size(), "nothing more is decoded");
    }

    @Test
    void silenceBetweenLinesIsTheIdleTimersNotTheRequests() {
        limits(Duration.ofSeconds(60), 500);
        write("NOOP\r\n");
        later(3_600_000);
        write("NOOP\r\n");
        assertEquals(List.of("L:NOOP", "L:NOOP"), recorder.events);
    }

    @Test
    void contentEarnsASecondPerMinDataRateOctets() {
        limits(Duration.ofSeconds(60), 100);
        write("DATA\r\n" + "x".repeat(1000));
        later(70_000); // 60 s + 1000 octets at 100 a second = 70 s
        write("y\r\n.\r\n");
        assertEquals(List.of("L:DATA", "C:" + "x".repeat(1000) + "y\r\n", "END_OF_DATA"), recorder.events);

        recorder.events.clear();
        write("DATA\r\n" + "x".repeat(1000));
        later(70_001);
        write("y");
        assertEquals(List.of("L:DATA", "C:" + "x".repeat(1000), "TOO_SLOW"), recorder.events);
    }

    @Test
    void aByteEveryTenSecondsIsCutOffInDataAndInABdatChunk() {
        limits(Duration.ofSeconds(60), 500);
        write("DATA\r\n");
        int bytes = 0;
        while (!recorder.events.contains("TOO_SLOW") && bytes < 100) {
            write("z");
            bytes++;
            later(10_000);
        }
        assertEquals(8, bytes, "cut at the first byte after 60 s and the 7 earlier bytes' 14 ms");
        limits(Duration.ofSeconds(60), 500);
        write("BDAT\r\n");
        decoder.startChunk(100);
        for (int i = 0; i < 8; i++) {
            write("z");
            later(10_000);
        }
        assertEquals("TOO_SLOW", recorder.events.get(recorder.events.size() - 1));
    }

    @Test
    void timePausedIsOursAndDoesNotCount() {
        limits(Duration.ofSeconds(60), 500);
        write("DATA\r\nabc");
        decoder.pause();
        later(600_000);
        decoder.resume();
        write("\r\n.\r\nNO");
        decoder.pause();
        later(600_000);
        decoder.resume();
        write("OP\r\n");
        assertEquals(List.of("L:DATA", "C:abc\r\n", "END_OF_DATA", "L:NOOP"), recorder.events);
    }

    @Test
    void pausedDecoderKeepsInputUntilResumed() {
        write("PAUSE\r\nNOOP\r\n");
        write("RSET\r\n");
        assertEquals(List.of("L:PAUSE"), recorder.events);
        decoder.resume();
        assertEquals(List.of("L:PAUSE", "L:NOOP", "L:RSET"), recorder.events);
        write("QUIT\r\n");
        assertEquals("L:QUIT", recorder.events.get(3));
    }

    @Test
    void pausedDecoderDoesNotAskForMoreInput() {
        channel.config().setAutoRead(false);
        int[] reads = new int[1];
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                reads[0]++;
                ctx.read();
            }
        });
        write("PAUSE\r\n");
        write("NOOP\r\n");
        assertEquals(0, reads[0], "nothing decoded while paused must not trigger a read");
    }
}
