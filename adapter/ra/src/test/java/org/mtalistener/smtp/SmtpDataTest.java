package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtalistener.delivery.DeliveryOutcome;

/** DATA: content framing, pipelining, size limits and the delivery outcome. */
class SmtpDataTest {

    /** A whole transaction and QUIT in one packet, with content that tries every way of almost ending. */
    static final String PIPELINED = "MAIL FROM:<alice@example.org>\r\n"
            + "RCPT TO:<bob@example.com>\r\n"
            + "RCPT TO:<carol@example.com>\r\n"
            + "DATA\r\n"
            + "Subject: pipelined\r\n"
            + "\r\n"
            + "..leading dot\r\n"
            + "..\r\n"
            + "bare\nLF and bare\rCR\r\n"
            + "\n.\nsmuggled 1\r\n"
            + "\r.\rsmuggled 2\r\n"
            + ".\nsmuggled 3\r\n"
            + ".\rsmuggled 4\r\n"
            + "\r\n.\r\n"
            + "QUIT\r\n";
    static final String PIPELINED_BODY = "Subject: pipelined\r\n"
            + "\r\n"
            + ".leading dot\r\n"
            + ".\r\n"
            + "bare\nLF and bare\rCR\r\n"
            + "\n.\nsmuggled 1\r\n"
            + "\r.\rsmuggled 2\r\n"
            + "\nsmuggled 3\r\n"
            + "\rsmuggled 4\r\n"
            + "\r\n";
    static final String PIPELINED_REPLIES_BEFORE_DELIVERY = "250 2.1.0 MAIL FROM accepted\r\n"
            + "250 2.1.5 RCPT TO accepted\r\n"
            + "250 2.1.5 RCPT TO accepted\r\n"
            + START_DATA;

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
    void pipelinedTransactionIsAnsweredInOrderAndQuitWaitsForTheDelivery() {
        smtp = new SessionHarness(spill, SessionHarness.settings(BareNewlinePolicy.ALLOW)).ehlo();
        smtp.send(PIPELINED);
        assertEquals(PIPELINED_REPLIES_BEFORE_DELIVERY, smtp.replies());
        assertFalse(smtp.channel.config().isAutoRead(), "reading stops while the message is with the deliverer");
        assertTrue(smtp.channel.isOpen(), "QUIT must wait for the message's reply");

        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        String id = delivery.message.queueId();
        assertEquals(received(id, false) + PIPELINED_BODY, delivery.content());
        smtp.channel.runPendingTasks();
        assertEquals("", smtp.replies(), "nothing for the message before the deliverer completes");

        smtp.complete(0, new DeliveryOutcome.Accepted(id));
        assertEquals("250 2.0.0 OK queued as " + id + "\r\n"
                + "221 2.0.0 mx.example.com closing connection\r\n", smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void pipelinedInputSplitAtEveryByteGivesTheSameRepliesAndContent() {
        for (int split = 1; split < PIPELINED.length(); split++) {
            try (SessionHarness session = new SessionHarness(spill,
                    SessionHarness.settings(BareNewlinePolicy.ALLOW)).ehlo()) {
                session.send(PIPELINED.substring(0, split));
                session.send(PIPELINED.substring(split));
                String where = "split at " + split;
                assertEquals(PIPELINED_REPLIES_BEFORE_DELIVERY, session.replies(), where);
                assertTrue(session.channel.isOpen(), where);
                FakeDeliverer.Delivery delivery = session.deliverer.only();
                String id = delivery.message.queueId();
                assertEquals(received(id, false) + PIPELINED_BODY, delivery.content(), where);
                session.complete(0, new DeliveryOutcome.Accepted(id));
                assertEquals("250 2.0.0 OK queued as " + id + "\r\n"
                        + "221 2.0.0 mx.example.com closing connection\r\n", session.replies(), where);
            }
        }
    }

    @Test
    void twoPipelinedMessagesAreDeliveredOneAfterTheOther() {
        smtp = new SessionHarness(spill).ehlo();
        String message = "MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nbody\r\n.\r\n";
        smtp.send(message + message + "NOOP\r\n");
        assertEquals(1, smtp.deliverer.deliveries.size(), "the second message waits for the first reply");
        smtp.complete(0, new DeliveryOutcome.Accepted("1"));
        assertEquals(2, smtp.deliverer.deliveries.size());
        assertFalse(smtp.channel.config().isAutoRead());
        String second = smtp.deliverer.deliveries.get(1).message.queueId();
        smtp.complete(1, new DeliveryOutcome.Accepted(second));
        assertTrue(smtp.channel.config().isAutoRead());
        String first = smtp.deliverer.deliveries.get(0).message.queueId();
        String accepted = "250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA;
        assertEquals(accepted + "250 2.0.0 OK queued as " + first + "\r\n"
                + accepted + "250 2.0.0 OK queued as " + second + "\r\n"
                + "250 2.0.0 OK\r\n", smtp.replies());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "LF . LF          | x\\n.\\ny       | x\\n.\\ny",
            "LF . CRLF        | x\\n.\\r\\ny    | x\\n.\\r\\ny",
            "CRLF . LF        | x\\r\\n.\\ny    | x\\r\\n\\ny",
            "CR . CR          | x\\r.\\ry       | x\\r.\\ry",
            "CRLF . CR        | x\\r\\n.\\ry    | x\\r\\n\\ry",
            "CR . CRLF        | x\\r.\\r\\ny    | x\\r.\\r\\ny",
            "CRLF . CR CR LF  | x\\r\\n.\\r\\r\\ny | x\\r\\n\\r\\r\\ny",
            "LF LF . LF LF    | x\\n\\n.\\n\\ny | x\\n\\n.\\n\\ny",
    })
    void bareLineEndsDoNotEndTheData(String name, String smuggled, String kept) {
        smtp = new SessionHarness(spill, SessionHarness.settings(BareNewlinePolicy.ALLOW)).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send(unescape(smuggled) + "\r\nMAIL FROM:<mallory@example.org>\r\n");
        assertEquals(List.of(), smtp.deliverer.deliveries, "the data must not have ended");
        smtp.send(".\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(received(delivery.message.queueId(), true)
                + unescape(kept) + "\r\nMAIL FROM:<mallory@example.org>\r\n", delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "LF . LF   | x\\n.\\ny",
            "CR . CR   | x\\r.\\ry",
            "NUL       | x\\u0000y",
            "CRLF LF   | x\\r\\n\\ny",
    })
    void underRejectAMessageWithABareLineEndIsReadToItsEndAndRefusedAndTheSessionGoesOn(String name,
                                                                                          String smuggled) {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send(unescape(smuggled).replace("\\u0000", "\u0000") + "\r\nMAIL FROM:<mallory@example.org>\r\n.\r\n");
        assertEquals(List.of(), smtp.deliverer.deliveries, "never delivered");
        assertEquals("550 5.5.2 Error: bare <CR>, <LF> or NUL received in the message\r\n", smtp.replies());
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nclean\r\n.\r\n");
        assertEquals(1, smtp.deliverer.deliveries.size(), "the session went on");
        assertEquals(1, smtp.refusals.get(), "the listener's own refusal is counted");
    }

    @Test
    void underNormalizeBareLineEndsReachTheMdbAsCrlf() {
        smtp = new SessionHarness(spill, SessionHarness.settings(BareNewlinePolicy.NORMALIZE)).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send("a\nb\rc\n.\nd\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(received(delivery.message.queueId(), true) + "a\r\nb\r\nc\r\n.\r\nd\r\n", delivery.content());
    }

    @Test
    void emptyMessageEndsRightAfterData() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(received(delivery.message.queueId(), true), delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void messageOverTheSizeLimitIsRefusedAndReleasedAndTheSessionGoesOn() {
        smtp = new SessionHarness(spill, SessionHarness.settings(100, 0, Duration.ZERO)).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        smtp.replies();
        // Exactly 100 content bytes fit; the Received header does not count.
        String fits = "x".repeat(98) + "\r\n";
        smtp.send(fits + ".\r\n");
        assertEquals(received(smtp.deliverer.only().message.queueId(), true) + fits,
                smtp.deliverer.only().content());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
        smtp.replies();

        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send(fits);
        assertEquals(1, smtp.spillFiles(), "the content spilled to disk");
        smtp.send("y\r\n" + "z".repeat(500) + "\r\n");
        assertEquals(0, smtp.spillFiles(), "content over the limit is released at once");
        smtp.send(".\r\nNOOP\r\n");
        assertEquals("552 5.3.4 message size limit exceeded\r\n250 2.0.0 OK\r\n", smtp.replies());
        assertEquals(1, smtp.deliverer.deliveries.size());
        smtp.send("RCPT TO:<bob@example.com>\r\n");
        assertEquals("503 5.5.1 RCPT TO without MAIL FROM\r\n", smtp.replies(), "the transaction was reset");
    }

    @Test
    void failedDeliveryIsTemporary() {
        smtp = new SessionHarness(spill).ehlo();
        deliverOne();
        smtp.complete(0, new DeliveryOutcome.Failed("endpoint rolled back"));
        assertEquals("451 4.3.0 transaction failed\r\n", smtp.replies());
        assertTrue(smtp.channel.config().isAutoRead());
        smtp.send("RCPT TO:<bob@example.com>\r\n");
        assertEquals("503 5.5.1 RCPT TO without MAIL FROM\r\n", smtp.replies(), "the transaction was reset");
    }

    @Test
    void rejectionIsSentAsTheEndpointWroteIt() {
        smtp = new SessionHarness(spill).ehlo();
        deliverOne();
        smtp.complete(0, new DeliveryOutcome.Rejected(550, "5.7.1", "refused by policy"));
        assertEquals("550 5.7.1 refused by policy\r\n", smtp.replies());
    }

    @Test
    void exceptionalCompletionIsTemporary() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.expectWarnings();
        deliverOne();
        smtp.fail(0, new IllegalStateException("deliverer broke"));
        assertEquals("451 4.3.0 transaction failed\r\n", smtp.replies());
        smtp.send("NOOP\r\n");
        assertEquals("250 2.0.0 OK\r\n", smtp.replies());
    }

    @Test
    void delivererThrowingIsTemporaryAndReleasesTheContent() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.expectWarnings();
        smtp.deliverer.failOnDeliver = new IllegalStateException("no endpoint");
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n" + "x".repeat(100)
                + "\r\n.\r\nNOOP\r\n");
        smtp.channel.runPendingTasks();
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA
                + "451 4.3.0 transaction failed\r\n250 2.0.0 OK\r\n", smtp.replies());
    }

    private void deliverOne() {
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nhello\r\n.\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        assertEquals(1, smtp.deliverer.deliveries.size());
    }

    static String received(String id, boolean toBob) {
        return "Received: from client.example.org ([192.0.2.7] port 40123)\r\n"
                + "\tby relay.example.com (MTA Listener Adapter) with ESMTP id " + id
                + (toBob ? "\r\n\tfor <bob@example.com>" : "") + "; " + SessionHarness.DATE + "\r\n";
    }

    private static String unescape(String s) {
        return s.strip().replace("\\r", "\r").replace("\\n", "\n");
    }
}
