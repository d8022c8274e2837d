package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.PasswordStore;
import org.mtalistener.net.UnexpectedFailures;
import org.mtalistener.net.WritesAfterClose;

/**
 * Any bytes as a TCP console client's requests, to a session that offers LOGIN and PLAIN against a store that knows
 * {@code john} ({@link EmbeddedConsole}):
 * <ul>
 *   <li>a command runs only after the client proved john's password (its base64 is in the input);</li>
 *   <li>everything the session writes is whole reply frames of known types, their lengths as declared;</li>
 *   <li>nothing is written after the session closed the connection, and no failure is logged.</li>
 * </ul>
 */
class ConsoleSessionFuzzTest {

    private static final String PASSWORD = "secret";
    private static final Set<Integer> REPLY_TYPES = Set.of(ConsoleWire.TEXT, ConsoleWire.LONG_TEXT,
            ConsoleWire.CHALLENGE, ConsoleWire.AUTH_REQUIRED);
    private static final ConsoleAuth AUTH = auth();

    private static ConsoleAuth auth() {
        try {
            Path file = Files.createTempFile("console-fuzz", ".passwd");
            file.toFile().deleteOnExit();
            Files.writeString(file, "john:" + PASSWORD + "\n");
            Credentials credentials = new Credentials(PasswordStore.load("file://" + file), null);
            return new ConsoleAuth(Map.of(Mechanism.LOGIN, credentials, Mechanism.PLAIN, credentials), false, false,
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void runsCommandsOnlyForTheAuthenticatedAndWritesFrames(byte[] input) {
        List<String> ran = new ArrayList<>();
        ByteBuf bytes = Unpooled.buffer(input.length).writeBytes(input);
        List<ByteBuf> written = new ArrayList<>();
        try (UnexpectedFailures failures = new UnexpectedFailures()) {
            EmbeddedChannel channel = EmbeddedConsole.open(AUTH, null, command -> {
                ran.add(command.line());
                return "ok";
            });
            WritesAfterClose guard = new WritesAfterClose();
            channel.pipeline().addFirst(guard);
            channel.writeInbound(bytes);
            channel.runPendingTasks();
            for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                written.add(out);
            }
            channel.finishAndReleaseAll();
            assertEquals(List.of(), guard.late(), "written after the close");
            assertEquals(List.of(), failures.failures(), "failures");
        }
        assertEquals(0, bytes.refCnt(), "the input was not released");
        for (ByteBuf frame : written) {
            try {
                assertFrame(frame);
            } finally {
                frame.release();
            }
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.US_ASCII));
        String plain = Base64.getEncoder().encodeToString(("\0john\0" + PASSWORD).getBytes(StandardCharsets.US_ASCII));
        String plainAs = Base64.getEncoder().encodeToString(("john\0john\0" + PASSWORD)
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(ran.isEmpty() || text.contains(login) || text.contains(plain) || text.contains(plainAs),
                "ran " + ran + " without the password");
    }

    /** One reply frame: u16 type, then u16 length (u32 for LONG_TEXT), then exactly that many bytes. */
    private static void assertFrame(ByteBuf frame) {
        int type = frame.readUnsignedShort();
        assertTrue(REPLY_TYPES.contains(type), "reply type " + type);
        long length = type == ConsoleWire.LONG_TEXT ? frame.readUnsignedInt() : frame.readUnsignedShort();
        assertEquals(length, frame.readableBytes(), "declared length of a type " + type + " frame");
    }
}
