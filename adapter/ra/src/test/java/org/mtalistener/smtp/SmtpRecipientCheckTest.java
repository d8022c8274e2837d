package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import io.netty.handler.timeout.IdleStateEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.RecipientVerdict;
import org.mtalistener.net.ListenerClosing;

/** Recipient_Check: the MDB's verdict on each recipient is the RCPT TO reply, in order, without blocking the loop. */
class SmtpRecipientCheckTest {

    private static final String MAIL = "MAIL FROM:<alice@example.org>\r\n";
    private static final String MAIL_OK = "250 2.1.0 MAIL FROM accepted\r\n";
    private static final String RCPT_OK = "250 2.1.5 RCPT TO accepted\r\n";
    private static final RecipientVerdict ACCEPTED = new RecipientVerdict.Accepted();
    private static final RecipientVerdict NO_SUCH_USER = new RecipientVerdict.Refused(550, "5.1.1", "no such user here");

    @TempDir
    Path spill;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private SessionHarness checking(int maxRecipientsPerMessage) {
        SmtpSettings plain = SessionHarness.settings(0, maxRecipientsPerMessage, Duration.ZERO);
        SmtpPolicy policy = SmtpPolicy.builder()
                .relay(new RelayRules(List.of("example.com", "example.net"), false, null)).recipientCheck(true).build();
        smtp = new SessionHarness(spill, new SmtpSettings(plain.listenerName(), plain.bannerHostname(),
                plain.receivedHostname(), 0, maxRecipientsPerMessage, Duration.ZERO, policy, TlsSettings.NONE));
        return smtp.ehlo();
    }

    private SessionHarness checking() {
        return checking(0);
    }

    @Test
    void theMdbIsAskedAboutTheQualifiedRecipient() {
        SmtpSettings plain = SessionHarness.settings(0, 0, Duration.ZERO);
        SmtpPolicy policy = SmtpPolicy.builder().recipientCheck(true).unqualifiedDomains(null, "example.com").build();
        smtp = new SessionHarness(spill, new SmtpSettings(plain.listenerName(), plain.bannerHostname(),
                plain.receivedHostname(), 0, 0, Duration.ZERO, policy, TlsSettings.NONE)).ehlo();
        smtp.send(MAIL + "RCPT TO:<bob>\r\n");
        assertEquals(MAIL_OK, smtp.replies());
        RecipientCheck asked = smtp.checker.checks.get(0).question();
        assertEquals("bob@example.com", asked.recipient());
        assertEquals("example.com", asked.domain());
        smtp.verdict(0, ACCEPTED);
        assertEquals(RCPT_OK, smtp.replies());
    }

    @Test
    void withoutRecipientCheckTheMdbIsNotAsked() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        assertEquals(MAIL_OK + RCPT_OK, smtp.replies());
        assertEquals(List.of(), smtp.checker.checks);
    }

    @Test
    void anAcceptedRecipientIsAnsweredOnlyOnceTheMdbSaidSo() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        assertEquals(MAIL_OK, smtp.replies(), "the MAIL reply goes out; the RCPT waits for the MDB");
        assertFalse(smtp.channel.config().isAutoRead(), "the session reads nothing while the MDB looks");

        RecipientCheck asked = smtp.checker.checks.get(0).question();
        assertEquals("bob@example.com", asked.recipient());
        assertEquals("example.com", asked.domain());
        assertEquals("alice@example.org", asked.envelope().sender());
        assertEquals(List.of(), asked.envelope().recipients());
        assertEquals("client.example.org", asked.session().heloName());
        assertEquals(SessionHarness.CLIENT, asked.session().remoteAddress());

        smtp.verdict(0, ACCEPTED);
        assertEquals(RCPT_OK, smtp.replies());
        assertTrue(smtp.channel.config().isAutoRead());
    }

    @Test
    void aRefusalIsTheMdbsReplyForThatRecipientAloneAndTheMessageGoesToTheOthers() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.verdict(0, ACCEPTED);
        smtp.send("RCPT TO:<mallory@example.net>\r\n");
        smtp.verdict(1, NO_SUCH_USER);
        smtp.send("RCPT TO:<carol@example.com>\r\n");
        assertEquals(List.of("bob@example.com"), smtp.checker.checks.get(2).question().envelope().recipients(),
                "the check sees the recipients taken so far");
        smtp.verdict(2, ACCEPTED);
        smtp.send("DATA\r\nSubject: hi\r\n\r\nhello\r\n.\r\n");

        assertEquals(MAIL_OK + RCPT_OK + "550 5.1.1 no such user here\r\n" + RCPT_OK + START_DATA, smtp.replies());
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(List.of("bob@example.com", "carol@example.com"), delivery.message.envelope().recipients());
        smtp.complete(0, new DeliveryOutcome.Accepted(delivery.message.queueId()));
        assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));
    }

    @Test
    void aTemporaryRefusalKeepsItsCodes() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.verdict(0, new RecipientVerdict.Refused(450, "4.2.1", "mailbox busy, try later"));
        assertEquals(MAIL_OK + "450 4.2.1 mailbox busy, try later\r\n", smtp.replies());
    }

    @Test
    void aFailedCheckIsATemporaryFailureForThatRecipientOnly() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.verdict(0, new RecipientVerdict.Failed("the MDB failed: java.lang.IllegalStateException: db down"));
        smtp.send("RCPT TO:<carol@example.com>\r\n");
        smtp.verdict(1, ACCEPTED);
        assertEquals(MAIL_OK + "451 4.3.0 recipient check failed, try again later\r\n" + RCPT_OK, smtp.replies());
    }

    @Test
    void aCheckThatEndsWithoutAVerdictIsATemporaryFailure() {
        checking();
        smtp.expectWarnings();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.checker.checks.get(0).verdict().completeExceptionally(new IllegalStateException("lost"));
        smtp.channel.runPendingTasks();
        assertEquals(MAIL_OK + "451 4.3.0 recipient check failed, try again later\r\n", smtp.replies());
        assertTrue(smtp.log().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("bob@example.com")));
    }

    @Test
    void aCheckerThatCannotStartIsATemporaryFailure() {
        checking();
        smtp.expectWarnings();
        smtp.checker.failOnCheck = new IllegalStateException("the listener is stopping");
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\nNOOP\r\n");
        smtp.channel.runPendingTasks();
        assertEquals(MAIL_OK + "451 4.3.0 recipient check failed, try again later\r\n250 2.0.0 OK\r\n",
                smtp.replies());
    }

    @Test
    void pipelinedRecipientsAreCheckedOneAfterAnotherAndAnsweredInOrder() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\nRCPT TO:<mallory@example.net>\r\n"
                + "RCPT TO:<carol@example.com>\r\nDATA\r\nSubject: hi\r\n\r\nhello\r\n.\r\nQUIT\r\n");
        assertEquals(MAIL_OK, smtp.replies());
        assertEquals(1, smtp.checker.checks.size(), "the next RCPT is read only once this one is answered");

        smtp.verdict(0, ACCEPTED);
        assertEquals(RCPT_OK, smtp.replies());
        assertEquals(2, smtp.checker.checks.size());
        assertEquals("mallory@example.net", smtp.checker.checks.get(1).question().recipient());

        smtp.verdict(1, NO_SUCH_USER);
        assertEquals("550 5.1.1 no such user here\r\n", smtp.replies());

        smtp.verdict(2, ACCEPTED);
        assertEquals(RCPT_OK + START_DATA, smtp.replies(), "DATA and its content follow in order");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals(List.of("bob@example.com", "carol@example.com"), delivery.message.envelope().recipients());

        smtp.complete(0, new DeliveryOutcome.Accepted(delivery.message.queueId()));
        assertEquals("250 2.0.0 OK queued as " + delivery.message.queueId() + "\r\n"
                + "221 2.0.0 mx.example.com closing connection\r\n", smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void theListenersOwnRefusalsComeFirstAndAskNothing() {
        checking(1);
        smtp.send(MAIL + "RCPT TO:<bob@elsewhere.org>\r\nRCPT TO:<bad\r\n");
        assertEquals(MAIL_OK + "550 5.7.1 relaying denied\r\n501 5.5.2 RCPT TO syntax error\r\n", smtp.replies());
        assertEquals(List.of(), smtp.checker.checks);

        smtp.send("RCPT TO:<bob@example.com>\r\n");
        smtp.verdict(0, NO_SUCH_USER);
        smtp.send("RCPT TO:<carol@example.com>\r\n");
        smtp.verdict(1, ACCEPTED);
        smtp.send("RCPT TO:<dave@example.com>\r\n");
        assertEquals("550 5.1.1 no such user here\r\n" + RCPT_OK
                        + "452 4.5.3 Service unavailable, recipients per message limit reached\r\n", smtp.replies(), "a refused recipient does not count against Max_Recipients_Per_Message");
        assertEquals(2, smtp.checker.checks.size());
    }

    @Test
    void theClientsSilenceDuringACheckIsOurs() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.replies();
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEquals("", smtp.replies());
        assertTrue(smtp.channel.isOpen());
        smtp.verdict(0, ACCEPTED);
        assertEquals(RCPT_OK, smtp.replies());
        smtp.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertTrue(smtp.replies().startsWith("421 4.4.2 "), "after the check the client's silence counts again");
    }

    @Test
    void aClosingListenerLetsTheCheckFinishThenSaysGoodbye() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\nNOOP\r\n");
        smtp.replies();
        smtp.channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals("", smtp.replies());
        smtp.verdict(0, ACCEPTED);
        assertEquals(RCPT_OK + "421 4.3.2 mx.example.com service shutting down\r\n", smtp.replies(),
                "the pipelined NOOP is not answered");
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void aVerdictAfterTheClientLeftIsDropped() {
        checking();
        smtp.send(MAIL + "RCPT TO:<bob@example.com>\r\n");
        smtp.replies();
        smtp.channel.close();
        smtp.verdict(0, ACCEPTED);
        assertEquals("", smtp.replies());
    }
}
