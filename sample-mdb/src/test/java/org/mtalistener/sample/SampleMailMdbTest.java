package org.mtalistener.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.RejectException;
import org.mtalistener.api.SessionInfo;

/** The sample as the adapter calls it: a batch, stored together, a message it cannot write refused alone. */
class SampleMailMdbTest {

    @TempDir
    Path dir;

    @BeforeEach
    void maildirHere() {
        System.setProperty("sample.maildir", dir.toString());
    }

    @AfterEach
    void maildirGone() {
        System.clearProperty("sample.maildir");
    }

    @Test
    void storesTheBatchAndRefusesWithA451OnlyTheMessageItCouldNotWrite() throws IOException {
        InboundMessage good = message("Q1", "Subject: one\r\n\r\n1\r\n".getBytes());
        InboundMessage unreadable = new Message("Q2", null);
        InboundMessage other = message("Q3", "Subject: three\r\n\r\n3\r\n".getBytes());
        MessageBatch batch = new MessageBatch(List.of(good, unreadable, other));

        new SampleMailMdb().onMessages(batch);

        assertTrue(batch.refusal(good).isEmpty());
        assertTrue(batch.refusal(other).isEmpty());
        RejectException refusal = batch.refusal(unreadable).orElseThrow();
        assertEquals(451, refusal.code());
        assertEquals("4.3.0", refusal.enhancedCode());
        try (Stream<Path> stored = Files.list(dir.resolve("new"))) {
            assertEquals(2, stored.count());
        }
        try (Stream<Path> drafts = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, drafts.count());
        }
    }

    private static InboundMessage message(String queueId, byte[] content) {
        return new Message(queueId, content);
    }

    /** A message whose content cannot be read when {@code content} is null. */
    private record Message(String queueId, byte[] content) implements InboundMessage {
        @Override
        public Envelope envelope() {
            return new Envelope("a@client.test", List.of("b@server.test"), Map.of());
        }

        @Override
        public SessionInfo session() {
            return new SessionInfo("test", Protocol.ESMTP, null, null, "client.test");
        }

        @Override
        public long size() {
            return content == null ? 0 : content.length;
        }

        @Override
        public InputStream openContent() throws IOException {
            if (content == null) {
                throw new IOException("the spill file is gone");
            }
            return new ByteArrayInputStream(content);
        }
    }
}
