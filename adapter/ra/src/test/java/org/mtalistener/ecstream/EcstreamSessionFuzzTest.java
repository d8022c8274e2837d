package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.net.UnexpectedFailures;
import org.mtalistener.net.WritesAfterClose;

/**
 * Any bytes as what a client sends after VERSION, to a session on an embedded channel ({@link EmbeddedEcstream})
 * whose MDB accepts everything:
 * <ul>
 *   <li>everything the session writes is whole server frames of known types;</li>
 *   <li>a message is delivered only after its END: the messages delivered are, in order, some of those the input
 *       ends with a matching END ({@link #ended}), each with exactly the DATA bytes sent, after the Received header;
 *       and there are no more ACCEPTED frames than deliveries;</li>
 *   <li>nothing is written after the session closed the connection;</li>
 *   <li>no unexpected failure is logged, every input buffer and spill file is released.</li>
 * </ul>
 */
class EcstreamSessionFuzzTest {

    private static final Path SPILL = spillDir();

    private static Path spillDir() {
        try {
            Path dir = Files.createTempDirectory("ecstream-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void deliversOnlyWhatEndedWithTheBytesSentAndWritesFrames(byte[] input) throws IOException {
        List<String> delivered = new ArrayList<>();
        List<String> frames;
        ByteBuf bytes = Unpooled.buffer(input.length).writeBytes(input);
        try (UnexpectedFailures failures = new UnexpectedFailures();
             EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(Runnable::run, SPILL, 64), 0)) {
            WritesAfterClose guard = new WritesAfterClose();
            ecstream.channel.pipeline().addFirst(guard);
            ecstream.channel.writeInbound(bytes);
            ecstream.channel.runPendingTasks();
            // the MDB takes each message; the session then reads what came after it
            for (int done = 0; done < ecstream.deliveries.size(); done++) {
                EmbeddedEcstream.Delivery delivery = ecstream.deliveries.get(done);
                try (InputStream content = delivery.message().openContent()) {
                    delivered.add(new String(content.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
                ecstream.complete(done, new DeliveryOutcome.Accepted(delivery.message().queueId()));
            }
            frames = ecstream.frames();
            assertEquals(List.of(), guard.late(), "written after the close");
            assertEquals(List.of(), failures.failures(), "unexpected failures");
        }
        assertEquals(0, bytes.refCnt(), "the input was not released");
        try (Stream<Path> files = Files.list(SPILL)) {
            assertEquals(0, files.count(), "content was not released");
        }
        assertFalse(frames.stream().anyMatch(frame -> frame.startsWith("UNKNOWN")), frames.toString());
        assertTrue(frames.stream().filter(frame -> frame.startsWith("ACCEPTED")).count() <= delivered.size(),
                frames.toString());
        List<String> ended = ended(input);
        int candidate = 0;
        for (String message : delivered) {
            assertTrue(message.startsWith("Received: "), message);
            while (candidate < ended.size() && !message.endsWith("\r\n" + ended.get(candidate))) {
                candidate++;
            }
            assertTrue(candidate < ended.size(), "delivered, yet not a message the input ended: " + message);
            candidate++;
        }
    }

    /**
     * The content of each message in the input, in order, that its END names by its tag and length: the DATA
     * payloads that follow its MESSAGE frame. Frames are read as docs/ecstream.md writes them, up to the first one
     * that is not whole.
     */
    private static List<String> ended(byte[] input) {
        List<String> ended = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(input);
        Long tag = null;
        StringBuilder content = new StringBuilder();
        while (in.remaining() >= Wire.HEADER) {
            int type = in.get() & 0xFF;
            long length = in.getInt() & 0xFFFFFFFFL;
            if (length > in.remaining()) {
                break;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            if (type == Wire.MESSAGE && payload.length >= 8) {
                tag = ByteBuffer.wrap(payload).getLong();
                content.setLength(0);
            } else if (type == Wire.DATA) {
                content.append(new String(payload, StandardCharsets.ISO_8859_1));
            } else if (type == Wire.END && payload.length == 16 && tag != null) {
                ByteBuffer end = ByteBuffer.wrap(payload);
                if (end.getLong() == tag && end.getLong() == content.length()) {
                    ended.add(content.toString());
                }
                tag = null;
            }
        }
        return ended;
    }
}
