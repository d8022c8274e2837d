package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.EHLO_REPLY;
import static org.mtalistener.smtp.SessionHarness.GREETING;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.DeliveryOutcome;

/** Commands and their replies, one transaction at a time. */
class SmtpSessionTest {

    @TempDir
    Path spill;

    private SessionHarness smtp;

    private SessionHarness open() {
        smtp = new SessionHarness(spill);
        return smtp;
    }

    private SessionHarness open(long maxMessageSize, int maxRecipients) {
        smtp = new SessionHarness(spill, SessionHarness.settings(maxMessageSize, maxRecipients, Duration.ZERO));
        return smtp;
    }

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void fullTransactionHasExactReplies() {
        open();
        assertEquals(GREETING, smtp.greeting);
        smtp.send("EHLO client.example.org\r\n");
        assertEquals(EHLO_REPLY, smtp.replies());
        smtp.send("MAIL FROM:<alice@example.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
        smtp.send("RCPT TO:<bob@example.com>\r\n");
        assertEquals("250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
        smtp.send("DATA\r\n");
        assertEquals(START_DATA, smtp.replies());
        smtp.send("Subject: hello\r\n\r\nHi Bob.\r\n.\r\n");
        assertEquals("", smtp.replies(), "no reply before the delivery ends");

        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        String id = delivery.message.queueId();
        smtp.complete(0, new DeliveryOutcome.Accepted(id));
        assertEquals("250 2.0.0 OK queued as " + id + "\r\n", smtp.replies());

        assertEquals("Received: from client.example.org ([192.0.2.7] port 40123)\r\n"
                + "\tby relay.example.com (MTA Listener Adapter) with ESMTP id " + id + "\r\n"
                + "\tfor <bob@example.com>; " + SessionHarness.DATE + "\r\n"
                + "Subject: hello\r\n\r\nHi Bob.\r\n", delivery.content());
        assertEquals("alice@example.org", delivery.message.envelope().sender());
        assertEquals(List.of("bob@example.com"), delivery.message.envelope().recipients());
        assertEquals(new SessionInfo(SessionHarness.LISTENER, Protocol.ESMTP, SessionHarness.SERVER,
                SessionHarness.CLIENT, "client.example.org"), delivery.message.session());

        smtp.send("QUIT\r\n");
        assertEquals("221 2.0.0 mx.example.com closing connection\r\n", smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void multipleRecipientsKeepTheirOrderAndStayOutOfTheReceivedHeader() {
        open().ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<carol@example.net>\r\n"
                + "RCPT TO:<Postmaster>\r\nDATA\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n" + "250 2.1.5 RCPT TO accepted\r\n".repeat(3) + START_DATA,
                smtp.replies());
        smtp.send("x\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(List.of("bob@example.com", "carol@example.net", "Postmaster"),
                delivery.message.envelope().recipients());
        assertTrue(delivery.content().contains(" with ESMTP id " + delivery.message.queueId() + "; "
                + SessionHarness.DATE + "\r\nx\r\n"), delivery.content());
        assertFalse(delivery.content().contains("for <"));
        smtp.complete(0, new DeliveryOutcome.Accepted(delivery.message.queueId()));
    }

    @Test
    void nullSenderIsAccepted() {
        open().ehlo();
        smtp.send("MAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        smtp.send(".\r\n");
        assertTrue(smtp.deliverer.only().message.envelope().hasNullSender());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void pathsMayHaveASpaceAfterTheColonASourceRouteAndLowerCaseVerbs() {
        open().ehlo();
        smtp.send("mail from: <@relay.example,@hop.example:alice@example.org> BODY=8BITMIME SIZE=12\r\n"
                + "rcpt To:<bob@[192.0.2.1]>\r\ndata\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        smtp.send(".\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals("alice@example.org", delivery.message.envelope().sender());
        assertEquals(List.of("bob@[192.0.2.1]"), delivery.message.envelope().recipients());
        assertEquals(Map.of("BODY", "8BITMIME", "SIZE", "12"), delivery.message.envelope().mailParameters());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void malformedPathsAndParametersAreRefused() {
        open().ehlo();
        smtp.send("MAIL FROM:alice@example.org\r\n"
                + "MAIL FROM:<alice example.org>\r\n"
                + "MAIL FROM:<postmaster>\r\n"
                + "MAIL FROM:<alice@example.org> RET=HDRS\r\n"
                + "MAIL FROM:<alice@example.org> SIZE=ten\r\n"
                + "MAIL FROM:<alice@example.org> BODY=BASE64\r\n"
                + "MAIL FROM:<alice@example.org>\r\n"
                + "RCPT TO:<>\r\n"
                + "RCPT TO:bob@example.com\r\n"
                + "RCPT TO:<bob@example.com> NOTIFY=NEVER\r\n");
        assertEquals("501 5.5.2 MAIL FROM syntax error\r\n".repeat(3)
                + "555 5.5.4 unsupported MAIL FROM parameter\r\n"
                + "501 5.5.4 invalid SIZE parameter\r\n"
                + "501 5.5.4 invalid BODY parameter\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n"
                + "501 5.5.2 RCPT TO syntax error\r\n".repeat(2)
                + "555 5.5.4 unsupported RCPT TO parameter\r\n", smtp.replies());
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMailFrom() {
        open(1000, 0);
        smtp.send("EHLO client.example.org\r\n");
        assertTrue(smtp.replies().contains("\r\n250-SIZE 1000\r\n"));
        smtp.send("MAIL FROM:<alice@example.org> SIZE=1001\r\nMAIL FROM:<alice@example.org> SIZE=1000\r\n");
        assertEquals("552 5.3.4 message size exceeds fixed maximum message size\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void recipientsOverTheLimitAreRefused() {
        open(0, 2).ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n"
                + "RCPT TO:<c@example.com>\r\nDATA\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n" + "250 2.1.5 RCPT TO accepted\r\n".repeat(2)
                + "452 4.5.3 Service unavailable, recipients per message limit reached\r\n" + START_DATA,
                smtp.replies());
        smtp.send(".\r\n");
        assertEquals(List.of("a@example.com", "b@example.com"), smtp.deliverer.only().message.envelope().recipients());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void commandsOutOfSequenceAreRefusedAndTheSessionGoesOn() {
        open().ehlo();
        smtp.send("RCPT TO:<bob@example.com>\r\nDATA\r\nMAIL FROM:<alice@example.org>\r\nDATA\r\n"
                + "MAIL FROM:<carol@example.org>\r\nDATA x\r\nRCPT TO:<bob@example.com>\r\n");
        assertEquals("503 5.5.1 RCPT TO without MAIL FROM\r\n"
                + "503 5.5.1 DATA without MAIL FROM\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n"
                + "503 5.5.1 DATA without RCPT TO\r\n"
                + "503 5.5.1 MAIL FROM already established\r\n"
                + "501 5.5.4 unexpected argument to DATA\r\n"
                + "250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void underRejectACommandLineWithABareLineEndCloses() {
        for (String line : List.of("NOOP\n", "NO\rOP\r\n", "NOOP\r\r\n")) {
            try (SessionHarness session = new SessionHarness(spill)) {
                session.replies();
                session.send("NOOP\r\n" + line + "RSET\r\n");
                assertEquals("250 2.0.0 OK\r\n521 5.5.2 mx.example.com Error: bare <CR> or <LF> received\r\n",
                        session.replies(), line);
                assertFalse(session.channel.isOpen());
            }
        }
    }

    @Test
    void unknownAndMalformedCommandsAreRefused() {
        smtp = new SessionHarness(spill, SessionHarness.settings(BareNewlinePolicy.ALLOW));
        smtp.send("EXPN staff\r\nMAILFROM:<a@b>\r\n\r\nNOOP\rRSET\r\nHELO\r\nEHLO\r\nEHLO two words\r\n");
        assertEquals("500 5.5.2 unrecognized command\r\n".repeat(3)
                + "500 5.5.2 invalid characters in command\r\n"
                + "501 5.5.2 invalid HELO\r\n"
                + "501 5.5.2 invalid EHLO\r\n".repeat(2), smtp.replies());
        assertTrue(smtp.channel.isOpen());
    }

    @Test
    void rsetClearsTheTransaction() {
        open().ehlo();
        smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nRSET now\r\nRSET\r\n"
                + "RCPT TO:<bob@example.com>\r\nMAIL FROM:<carol@example.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n"
                + "501 5.5.4 invalid arguments to RSET\r\n"
                + "250 2.0.0 OK\r\n"
                + "503 5.5.1 RCPT TO without MAIL FROM\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void heloGetsOneLineAndSmtpInTheReceivedHeaderAndEhloResetsTheTransaction() {
        open();
        smtp.send("EHLO first.example.org\r\nMAIL FROM:<alice@example.org>\r\nHELO old.example.org\r\n"
                + "RCPT TO:<bob@example.com>\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\n"
                + "DATA\r\n");
        assertEquals(EHLO_REPLY
                + "250 2.1.0 MAIL FROM accepted\r\n"
                + "250 mx.example.com says HELO to 192.0.2.7\r\n"
                + "503 5.5.1 RCPT TO without MAIL FROM\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        smtp.send(".\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertTrue(delivery.content().startsWith("Received: from old.example.org ([192.0.2.7] port 40123)\r\n"
                + "\tby relay.example.com (MTA Listener Adapter) with SMTP id "), delivery.content());
        assertEquals("old.example.org", delivery.message.session().heloName());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void noopVrfyHelpAndQuitArguments() {
        open();
        smtp.send("NOOP anything\r\nVRFY bob\r\nVRFY\r\nHELP\r\nQUIT now\r\n");
        assertEquals("250 2.0.0 OK\r\n"
                + "252 2.5.0 cannot VRFY user, but will accept message and attempt delivery\r\n"
                + "501 5.5.4 missing argument to VRFY\r\n"
                + "214-2.0.0 commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP\r\n"
                + "214 2.0.0 end of HELP\r\n"
                + "501 5.5.4 Syntax error (no parameters allowed)\r\n", smtp.replies());
        assertTrue(smtp.channel.isOpen());
    }

    @Test
    void overlongCommandLineIsRefusedAndTheNextCommandWorks() {
        open();
        String longLine = "NOOP " + "x".repeat(600) + "\r\n";
        smtp.send(longLine.substring(0, 300));
        smtp.send(longLine.substring(300) + "NOOP\r\n");
        assertEquals("500 5.5.2 line too long\r\n250 2.0.0 OK\r\n", smtp.replies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUIT\r\nNOOP\r\n", "quit\r\n"})
    void quitClosesAndIgnoresWhatFollows(String input) {
        open();
        smtp.send(input);
        assertEquals("221 2.0.0 mx.example.com closing connection\r\n", smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }
}
