package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.timeout.IdleStateEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.DeliveryOutcome;

/** CHUNKING and BINARYMIME (RFC 3030): BDAT chunks into the same content as DATA, under the same limits. */
class SmtpChunkingTest {

    private static final String OPEN = "MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\n";
    private static final String OPENED = "250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n";

    @TempDir
    Path spill;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void chunksAreTakenAsTheyAreAndTheLastOneDelivers() {
        smtp = new SessionHarness(spill).ehlo();
        // Binary, with what DATA would read as the end and as dot-stuffing, and a chunk that ends mid-line.
        String first = "Subject: chunks\r\n\r\n.\r\n..\r\n\u0000\u00ff\r";
        String second = "\n.\r\nQUIT\r\n";
        smtp.send(OPEN + "BDAT " + first.length() + "\r\n" + first + "BDAT " + second.length() + " LAST\r\n" + second
                + "NOOP\r\n");
        assertEquals(OPENED + "250 2.0.0 " + first.length() + " octets received\r\n", smtp.replies());
        assertFalse(smtp.channel.config().isAutoRead(), "reading stops while the message is with the deliverer");

        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        String id = delivery.message.queueId();
        assertEquals(SmtpDataTest.received(id, true) + first + second, delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted(id));
        assertEquals("250 2.0.0 OK queued as " + id + "\r\n250 2.0.0 OK\r\n", smtp.replies());
        assertTrue(smtp.channel.isOpen(), "the QUIT inside the chunk was content, not a command");
    }

    @Test
    void chunksSplitAtEveryByteGiveTheSameContent() {
        String input = OPEN + "BDAT 5\r\nab\r\nc" + "BDAT 3 LAST\r\n.\r\n" + "RSET\r\n";
        for (int split = 1; split < input.length(); split++) {
            try (SessionHarness session = new SessionHarness(spill).ehlo()) {
                session.send(input.substring(0, split));
                session.send(input.substring(split));
                FakeDeliverer.Delivery delivery = session.deliverer.only();
                String id = delivery.message.queueId();
                assertEquals(SmtpDataTest.received(id, true) + "ab\r\nc.\r\n", delivery.content(), "split " + split);
                session.complete(0, new DeliveryOutcome.Accepted(id));
                assertEquals(OPENED + "250 2.0.0 5 octets received\r\n250 2.0.0 OK queued as " + id + "\r\n"
                        + "250 2.0.0 OK\r\n", session.replies(), "split " + split);
            }
        }
    }

    @Test
    void anEmptyLastChunkEndsTheMessage() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN + "BDAT 4\r\nbodyBDAT 0 LAST\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(SmtpDataTest.received(delivery.message.queueId(), true) + "body", delivery.content());
        smtp.complete(0, new DeliveryOutcome.Rejected(550, "5.7.1", "no thanks"));
        assertEquals(OPENED + "250 2.0.0 4 octets received\r\n550 5.7.1 no thanks\r\n", smtp.replies(),
                "the last chunk is answered as DATA's end is");
    }

    @Test
    void bdatOutOfSequenceIsRefusedAndItsChunkSkipped() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("BDAT 6\r\nNOOP\r\nBDAT 6 LAST\r\nRSET\r\n"
                + "MAIL FROM:<alice@example.org>\r\nBDAT 6 LAST\r\nQUIT\r\nNOOP\r\n");
        assertEquals("503 5.5.1 BDAT without MAIL FROM\r\n".repeat(2)
                + "250 2.1.0 MAIL FROM accepted\r\n503 5.5.1 BDAT without RCPT TO\r\n250 2.0.0 OK\r\n",
                smtp.replies());
        assertEquals(List.of(), smtp.deliverer.deliveries);
        assertEquals(0, smtp.spillFiles());
    }

    @Test
    void dataAfterBdatAndRcptAfterBdatAreOutOfSequence() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN + "BDAT 2\r\nhiDATA\r\nRCPT TO:<carol@example.com>\r\nBDAT 0 LAST\r\n");
        assertEquals(OPENED + "250 2.0.0 2 octets received\r\n503 5.5.1 DATA not allowed after BDAT\r\n"
                + "503 5.5.1 RCPT TO not allowed after BDAT\r\n", smtp.replies());
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(List.of("bob@example.com"), delivery.message.envelope().recipients());
        assertEquals(SmtpDataTest.received(delivery.message.queueId(), true) + "hi", delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void rsetDropsTheChunksCollected() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN + "BDAT 100\r\n" + "x".repeat(100));
        assertEquals(1, smtp.spillFiles(), "the chunk spilled to disk");
        smtp.send("RSET\r\n");
        smtp.send(OPEN + "BDAT 3 LAST\r\nnew");
        assertEquals(0, smtp.spillFiles(), "RSET released the first chunk's content");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(SmtpDataTest.received(delivery.message.queueId(), true) + "new", delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void chunksOverTheSizeLimitAreReadToTheirEndAndRefused() {
        smtp = new SessionHarness(spill, SessionHarness.settings(100, 0, Duration.ZERO)).ehlo();
        smtp.replies();
        smtp.send(OPEN + "BDAT 60\r\n" + "a".repeat(60));
        assertEquals(1, smtp.spillFiles());
        smtp.send("BDAT 60\r\n" + "b".repeat(45));
        assertEquals(0, smtp.spillFiles(), "content over the limit is released at once, mid-chunk");
        smtp.send("b".repeat(15) + "BDAT 6 LAST\r\nNOOP\r\nNOOP\r\n");
        assertEquals(OPENED + "250 2.0.0 60 octets received\r\n552 5.3.4 message size limit exceeded\r\n"
                + "503 5.5.1 BDAT without MAIL FROM\r\n250 2.0.0 OK\r\n", smtp.replies(),
                "the chunks' octets are never read as commands");
        assertEquals(List.of(), smtp.deliverer.deliveries);
    }

    @Test
    void idleClientInAChunkIsDisconnectedAndItsContentReleased() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN + "BDAT 1000\r\n" + "x".repeat(200));
        assertEquals(1, smtp.spillFiles());
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals(OPENED + "421 4.4.2 mx.example.com idle timeout exceeded, closing connection\r\n",
                smtp.replies());
        assertFalse(smtp.channel.isOpen());
        assertEquals(0, smtp.spillFiles());
    }

    @Test
    void readingWaitsWhileTheDiskIsBehindAChunk() {
        Queue<Runnable> io = new ArrayDeque<>();
        smtp = new SessionHarness(spill, SessionHarness.settings(0, 0, Duration.ZERO), io::add).ehlo();
        String chunk = "c".repeat(1536 * 1024);
        smtp.send(OPEN + "BDAT " + chunk.length() + "\r\n" + chunk);
        assertFalse(smtp.channel.config().isAutoRead(), "reading stops while the writer is behind");
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertTrue(smtp.channel.isOpen(), "waiting for the disk is not the client idling");
        for (Runnable task; (task = io.poll()) != null; ) {
            task.run();
        }
        smtp.channel.runPendingTasks();
        assertTrue(smtp.channel.config().isAutoRead(), "reading resumes once the writer caught up");
        smtp.send("BDAT 0 LAST\r\n");
        for (Runnable task; (task = io.poll()) != null; ) {
            task.run();
        }
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(SmtpDataTest.received(delivery.message.queueId(), true) + chunk, delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        assertTrue(smtp.channel.config().isAutoRead());
    }

    @Test
    void binaryMimeGoesWithBdatOnly() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("MAIL FROM:<alice@example.org> BODY=BINARYMIME\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                + "BDAT 1 LAST\r\n\u0000");
        assertEquals(OPENED + "503 5.5.1 BODY=BINARYMIME requires BDAT\r\n", smtp.replies());
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(Map.of("BODY", "BINARYMIME"), delivery.message.envelope().mailParameters());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void withoutChunkingBdatIsUnknownAndNotOffered() {
        SmtpSettings base = SessionHarness.settings(0, 0, Duration.ZERO);
        SmtpSettings settings = new SmtpSettings(base.listenerName(), base.bannerHostname(),
                base.receivedHostname(), 0, 0, Duration.ZERO, SmtpPolicy.builder().extensions(Set.of()).build(),
                TlsSettings.NONE);
        smtp = new SessionHarness(spill, settings);
        smtp.send("EHLO client.example.org\r\n");
        assertFalse(smtp.replies().contains("CHUNKING"));
        smtp.send(OPEN + "BDAT 0 LAST\r\nMAIL FROM:<alice@example.org> BODY=BINARYMIME\r\n");
        assertEquals(OPENED + "500 5.5.2 unrecognized command\r\n503 5.5.1 MAIL FROM already established\r\n",
                smtp.replies());
        smtp.send("RSET\r\nMAIL FROM:<alice@example.org> BODY=BINARYMIME\r\nDATA\r\n");
        assertEquals("250 2.0.0 OK\r\n501 5.5.4 invalid BODY parameter\r\n503 5.5.1 DATA without MAIL FROM\r\n",
                smtp.replies());
    }

    @Test
    void malformedBdatIsRefused() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(OPEN + "BDAT\r\nBDAT x\r\nBDAT 1 FIRST\r\nBDAT -1\r\nNOOP\r\n");
        assertEquals(OPENED + "501 5.5.4 Syntax: BDAT chunk-size [LAST]\r\n".repeat(4) + "250 2.0.0 OK\r\n",
                smtp.replies());
    }
}
