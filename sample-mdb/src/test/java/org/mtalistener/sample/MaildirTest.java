package org.mtalistener.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirTest {

    @TempDir
    Path dir;

    @Test
    void storesTheExactBytesInNewAndLeavesTmpEmpty() throws IOException {
        Maildir maildir = new Maildir(dir);
        byte[] message = "Subject: hi\r\n\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.UTF_8);

        Path stored = maildir.store(new ByteArrayInputStream(message));

        assertEquals(dir.resolve("new"), stored.getParent());
        assertArrayEquals(message, Files.readAllBytes(stored));
        assertEquals(0, count(dir.resolve("tmp")));
        assertEquals(0, count(dir.resolve("cur")));
    }

    @Test
    void givesEveryMessageItsOwnFile() throws IOException {
        Maildir maildir = new Maildir(dir);
        Path first = maildir.store(new ByteArrayInputStream(new byte[] {1}));
        Path second = maildir.store(new ByteArrayInputStream(new byte[] {2}));
        assertNotEquals(first, second);
        assertEquals(2, count(dir.resolve("new")));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Maildir maildir = new Maildir(dir);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        assertThrows(IOException.class, () -> maildir.store(broken));
        assertEquals(0, count(dir.resolve("tmp")));
        assertEquals(0, count(dir.resolve("new")));
    }

    @Test
    void draftsAreInvisibleUntilDeliveredTogetherAndAFailedOneDoesNotStopTheOthers() throws IOException {
        Maildir maildir = new Maildir(dir);
        Maildir.Drafts drafts = maildir.drafts();
        drafts.write(new ByteArrayInputStream(new byte[] {1}));
        assertThrows(IOException.class, () -> drafts.write(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        }));
        drafts.write(new ByteArrayInputStream(new byte[] {3}));
        assertEquals(0, count(dir.resolve("new")), "nothing is delivered before deliver()");
        assertEquals(2, count(dir.resolve("tmp")));

        List<Path> stored = drafts.deliver();

        assertEquals(2, stored.size());
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(stored.get(0)));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(stored.get(1)));
        assertEquals(0, count(dir.resolve("tmp")));
        assertEquals(List.of(), drafts.deliver(), "delivered once");
    }

    @Test
    void draftsADeadWriterLeftOlderThan36HoursGoAtStartAndNewerOnesStay() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.writeString(tmp.resolve("1.M1P1Q1.host"), "half a messa");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Maildir.STALE).minusSeconds(60)));
        Path young = Files.writeString(tmp.resolve("2.M2P2Q2.host"), "being written");
        Files.setLastModifiedTime(young, FileTime.from(Instant.now().minus(Maildir.STALE).plusSeconds(600)));

        Maildir maildir = new Maildir(dir);

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(young), "a writer may still be at it");
        assertEquals(1, maildir.removeStaleDrafts(Instant.now().plus(Duration.ofHours(1))));
        assertFalse(Files.exists(young));
    }

    private static long count(Path p) throws IOException {
        try (Stream<Path> files = Files.list(p)) {
            return files.count();
        }
    }
}
