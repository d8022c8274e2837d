package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcstreamDecoderTest {

    /** A pipelined batch: several messages, content split over DATA frames, an empty DATA, parameters, QUIT. */
    private static final byte[] BATCH = new ClientBytes()
            .version(1)
            .mail(1, "Subject: one\r\n\r\nbody\r\n")
            .message(2, "", List.of("c@z.example", "d@z.example"), List.<String[]>of(new String[] {"body", "8BITMIME"}))
            .data("Subject: two\r\n").data("").data("\r\n\u00ff\u0000binary\r\n")
            .end(2, 31)
            .mail(3, "x")
            .quit()
            .bytes();

    private static final List<String> EXPECTED = List.of(
            "Version[version=1]",
            "MessageStart[tag=1, sender=a@x.example, recipients=[b@y.example], parameters=[]]",
            "content:Subject: one\r\n\r\nbody\r\n",
            "End[tag=1, length=22]",
            "MessageStart[tag=2, sender=, recipients=[c@z.example, d@z.example], parameters=[body=8BITMIME]]",
            "content:Subject: two\r\n\r\n\u00ff\u0000binary\r\n",
            "End[tag=2, length=31]",
            "MessageStart[tag=3, sender=a@x.example, recipients=[b@y.example], parameters=[]]",
            "content:x",
            "End[tag=3, length=1]",
            "Quit[]");

    @Test
    void decodesTheBatchInOneRead() {
        assertEquals(EXPECTED, decode(List.of(BATCH)));
    }

    @Test
    void decodesTheBatchAtEverySplit() {
        for (int split = 1; split < BATCH.length; split++) {
            byte[] first = java.util.Arrays.copyOfRange(BATCH, 0, split);
            byte[] second = java.util.Arrays.copyOfRange(BATCH, split, BATCH.length);
            assertEquals(EXPECTED, decode(List.of(first, second)), "split at " + split);
        }
    }

    @Test
    void decodesTheBatchByteByByte() {
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : BATCH) {
            bytes.add(new byte[] {b});
        }
        assertEquals(EXPECTED, decode(bytes));
    }

    @Test
    void contentIsEmittedAsItArrivesNotHeldWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new EcstreamDecoder());
        byte[] header = ByteBuffer.allocate(5).put((byte) 0x11).putInt(1_000_000).array();
        channel.writeInbound(Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(new byte[1000]));
        ByteBuf chunk = channel.readInbound();
        assertEquals(1000, chunk.readableBytes(), "the first 1000 bytes of a 1 MB frame come out at once");
        chunk.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizedLengthIsRefusedFromTheHeaderAlone() {
        byte[] header = ByteBuffer.allocate(5).put((byte) 0x10).putInt(2_000_000).array();
        ClientFrame.Malformed malformed = malformed(header);
        assertEquals(Wire.Problem.FRAME_TOO_LONG, malformed.problem());
        assertEquals("frame type 0x10 declares 2000000 payload bytes; the most is 1048576", malformed.text());
    }

    @Test
    void truncatedPayloadIsMalformed() {
        // A MESSAGE whose payload stops inside its recipient: 8 tag + 2+0 sender + 2 count + 2 length, no bytes.
        byte[] payload = ByteBuffer.allocate(14).putLong(9).putShort((short) 0).putShort((short) 1)
                .putShort((short) 5).array();
        ClientFrame.Malformed malformed = malformed(new ClientBytes().frame(0x10, payload).bytes());
        assertEquals(Wire.Problem.MALFORMED_FRAME, malformed.problem());
        assertEquals("MESSAGE frame ends inside its recipient 1", malformed.text());
    }

    @Test
    void bytesAfterTheLastFieldAreMalformed() {
        ClientFrame.Malformed malformed = malformed(new ClientBytes().frame(0x02, new byte[] {0, 1, 0}).bytes());
        assertEquals("VERSION frame has 1 bytes after its last field", malformed.text());
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] payload = ByteBuffer.allocate(17).putLong(1).putShort((short) 1).put((byte) 0xC3)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).array();
        assertEquals("MESSAGE frame: sender is not valid UTF-8",
                malformed(new ClientBytes().frame(0x10, payload).bytes()).text());
    }

    @Test
    void unknownTypeIsRefusedAndNothingAfterItIsDecoded() {
        EmbeddedChannel channel = new EmbeddedChannel(new EcstreamDecoder());
        byte[] input = new ClientBytes().frame(0x20, new byte[0]).version(1).bytes();
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        ClientFrame.Malformed malformed = assertInstanceOf(ClientFrame.Malformed.class, channel.readInbound());
        assertEquals(Wire.Problem.UNKNOWN_FRAME, malformed.problem());
        assertNull(channel.readInbound(), "the VERSION behind the bad frame is not decoded");
        channel.finishAndReleaseAll();
    }

    @Test
    void pausedDecoderKeepsInputForResume() {
        EcstreamDecoder decoder = new EcstreamDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.pause();
        channel.writeInbound(Unpooled.wrappedBuffer(new ClientBytes().version(1).quit().bytes()));
        assertNull(channel.readInbound());
        decoder.resume();
        assertEquals(new ClientFrame.Version(1), channel.readInbound());
        assertEquals(new ClientFrame.Quit(), channel.readInbound());
        channel.finishAndReleaseAll();
    }

    private static ClientFrame.Malformed malformed(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new EcstreamDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        Object first = channel.readInbound();
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
        return assertInstanceOf(ClientFrame.Malformed.class, first);
    }

    /** Feeds the reads and describes the output, joining consecutive content chunks. */
    private static List<String> decode(List<byte[]> reads) {
        EmbeddedChannel channel = new EmbeddedChannel(new EcstreamDecoder());
        List<ByteBuf> inputs = new ArrayList<>();
        for (byte[] read : reads) {
            ByteBuf buffer = Unpooled.copiedBuffer(read);
            inputs.add(buffer);
            channel.writeInbound(buffer);
        }
        List<String> out = new ArrayList<>();
        StringBuilder content = null;
        for (Object item; (item = channel.readInbound()) != null; ) {
            if (item instanceof ByteBuf chunk) {
                content = content == null ? new StringBuilder() : content;
                content.append(chunk.toString(StandardCharsets.ISO_8859_1));
                chunk.release();
                continue;
            }
            if (content != null) {
                out.add("content:" + content);
                content = null;
            }
            out.add(item.toString());
        }
        assertTrue(!channel.finish(), "nothing left over");
        inputs.forEach(b -> assertEquals(0, b.refCnt(), "input released"));
        return out;
    }
}
