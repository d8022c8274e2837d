package org.mtalistener.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The Maildir the container's MDBs store into, as the tests see it. */
public final class Mailbox {

    public static final Path ROOT = Path.of(System.getProperty("it.maildir"));

    private Mailbox() {
    }

    /** The stored messages that contain {@code token}. */
    public static List<Path> containing(String token) {
        byte[] needle = token.getBytes(StandardCharsets.US_ASCII);
        Path fresh = ROOT.resolve("new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(fresh)) {
            return files.filter(f -> indexOf(read(f), needle) >= 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that exactly one stored message contains {@code token} and that it is {@code sent} after its Received header. */
    public static void assertStoredExactly(String token, byte[] sent) {
        List<Path> stored = containing(token);
        assertEquals(1, stored.size(), "messages stored with " + token);
        assertArrayEquals(sent, withoutReceivedHeader(read(stored.get(0))));
    }

    /** The content after the adapter's Received header, which must come first. */
    public static byte[] withoutReceivedHeader(byte[] stored) {
        String start = new String(stored, 0, Math.min(stored.length, 9), StandardCharsets.US_ASCII);
        if (!start.equals("Received:")) {
            throw new AssertionError("stored message does not start with a Received header: " + start);
        }
        // The header ends at the first CRLF not followed by folding whitespace.
        for (int i = 0; i + 2 < stored.length; i++) {
            if (stored[i] == '\r' && stored[i + 1] == '\n' && stored[i + 2] != ' ' && stored[i + 2] != '\t') {
                return Arrays.copyOfRange(stored, i + 2, stored.length);
            }
        }
        throw new AssertionError("unterminated Received header");
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
