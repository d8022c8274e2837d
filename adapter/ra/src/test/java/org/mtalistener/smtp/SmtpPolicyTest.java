package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.DeliveryOutcome;

/** The conf options that shape a session's rules: one test per option, each at its limit. */
class SmtpPolicyTest {

    @TempDir
    Path spill;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private SessionHarness with(SmtpPolicy policy) {
        SmtpSettings plain = SessionHarness.settings(0, 0, Duration.ZERO);
        smtp = new SessionHarness(spill, new SmtpSettings(plain.listenerName(), plain.bannerHostname(),
                plain.receivedHostname(), 0, 0, Duration.ZERO, policy, TlsSettings.NONE));
        return smtp;
    }

    private static SmtpPolicy policy(String banner, boolean requireEhlo, boolean nullSender, boolean ipLiteral,
                                     boolean whitespace, int receptions, int recipients) {
        return SmtpPolicy.builder().staticBanner(banner).requireEhlo(requireEhlo).allowNullSender(nullSender)
                .allowIpLiteral(ipLiteral).allowTrailingWhitespace(whitespace).maxReceptionsPerConnection(receptions)
                .maxRecipientsPerConnection(recipients).build();
    }

    private static SmtpPolicy relay(RelayRules rules) {
        return SmtpPolicy.builder().relay(rules).build();
    }

    @Test
    void recipientsOutsideTheLocalDomainsAreRelayingAndDenied() {
        with(relay(new RelayRules(List.of("example.com", "*.example.net"), false, null))).ehlo();
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<c@mx.example.net>\r\n"
                + "RCPT TO:<d@example.net>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n250 2.1.5 RCPT TO accepted\r\n"
                + "550 5.7.1 relaying denied\r\n550 5.7.1 relaying denied\r\n", smtp.replies());
    }

    @Test
    void aClientInRelayHostsOrWithOpenRelayMayRelay() {
        with(relay(new RelayRules(List.of("example.com"), true, null))).ehlo();
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void relayForSendingDomainsLetsThoseSendersRelay() {
        with(relay(new RelayRules(List.of("example.com"), false, List.of("*.client.test")))).ehlo();
        smtp.send("MAIL FROM:<a@mail.client.test>\r\nRCPT TO:<e@other.org>\r\nRSET\r\n"
                + "MAIL FROM:<a@spoofer.test>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n250 2.0.0 OK\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n550 5.7.1 relaying denied\r\n", smtp.replies());
    }

    @Test
    void anEmptyRelayForSendingDomainsIsAnOpenRelayAsInMomentum() {
        with(relay(new RelayRules(List.of("example.com"), false, List.of()))).ehlo();
        smtp.send("MAIL FROM:<>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void staticBannerReplacesTheGreeting() {
        with(policy("220 mail.example.net ESMTP ready", false, true, true, false, 0, 0));
        assertEquals("220 mail.example.net ESMTP ready\r\n", smtp.greeting);
    }

    @Test
    void requireEhloRefusesTransactionsBeforeHello() {
        with(policy(null, true, true, true, false, 0, 0));
        smtp.send("MAIL FROM:<a@example.org>\r\nVRFY x\r\nNOOP\r\n");
        assertEquals("550 5.5.1 RFC2821 HELO/EHLO needed\r\n550 5.5.1 RFC2821 HELO/EHLO needed\r\n250 2.0.0 OK\r\n",
                smtp.replies());
        smtp.send("HELO client.example.org\r\nMAIL FROM:<a@example.org>\r\n");
        assertTrue(smtp.replies().endsWith("250 2.1.0 MAIL FROM accepted\r\n"));
    }

    @Test
    void withoutRequireEhloMailBeforeHelloIsTaken() {
        with(SmtpPolicy.DEFAULT);
        smtp.send("MAIL FROM:<a@example.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void theNullSenderCanBeRefused() {
        with(policy(null, false, false, true, false, 0, 0)).ehlo();
        smtp.send("MAIL FROM:<>\r\nMAIL FROM:<a@example.org>\r\n");
        assertEquals("550 5.7.1 null envelope sender not allowed\r\n250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void addressLiteralsCanBeRefusedInMailAndRcpt() {
        with(policy(null, false, true, false, false, 0, 0)).ehlo();
        smtp.send("MAIL FROM:<a@[192.0.2.1]>\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@[IPv6:2001:db8::1]>\r\n"
                + "RCPT TO:<b@example.com>\r\n");
        assertEquals("550 5.7.1 address literals not allowed\r\n250 2.1.0 MAIL FROM accepted\r\n"
                + "550 5.7.1 address literals not allowed\r\n250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void addressLiteralsAreTakenByDefault() {
        with(SmtpPolicy.DEFAULT).ehlo();
        smtp.send("MAIL FROM:<a@[192.0.2.1]>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void withoutADomainAnUnqualifiedAddressIsASyntaxErrorButPostmasterIsTaken() {
        with(SmtpPolicy.DEFAULT).ehlo();
        smtp.send("MAIL FROM:<alice>\r\nMAIL FROM:<postmaster>\r\nMAIL FROM:<a@example.org>\r\n"
                + "RCPT TO:<bob>\r\nRCPT TO:<\"bob smith\">\r\nRCPT TO:<PostMaster>\r\n");
        assertEquals("501 5.5.2 MAIL FROM syntax error\r\n501 5.5.2 MAIL FROM syntax error\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n501 5.5.2 RCPT TO syntax error\r\n501 5.5.2 RCPT TO syntax error\r\n"
                + "250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void theDomainsForUnqualifiedAddressesQualifyThemBeforeTheMdbSeesThem() {
        with(SmtpPolicy.builder().unqualifiedDomains("senders.example", "example.com").build()).ehlo();
        smtp.send("MAIL FROM:<alice>\r\nRCPT TO:<bob>\r\nRCPT TO:<\"bob smith\">\r\nRCPT TO:<Postmaster>\r\n"
                + "RCPT TO:<carol@example.net>\r\nRCPT TO:<bob.>\r\nDATA\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n" + "250 2.1.5 RCPT TO accepted\r\n".repeat(4)
                + "501 5.5.2 RCPT TO syntax error\r\n" + SessionHarness.START_DATA, smtp.replies());
        smtp.send("x\r\n.\r\n");
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertEquals("alice@senders.example", delivery.message.envelope().sender());
        assertEquals(List.of("bob@example.com", "\"bob smith\"@example.com", "Postmaster@example.com",
                "carol@example.net"), delivery.message.envelope().recipients());
        smtp.complete(0, new DeliveryOutcome.Accepted(delivery.message.queueId()));
    }

    @Test
    void postmasterAsASenderIsUnqualifiedLikeAnyLocalPart() {
        with(SmtpPolicy.builder().unqualifiedDomains("senders.example", null).build()).ehlo();
        smtp.send("MAIL FROM:<postmaster>\r\nRCPT TO:<bob>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n501 5.5.2 RCPT TO syntax error\r\n", smtp.replies());
    }

    @Test
    void relayControlSeesTheQualifiedAddresses() {
        RelayRules rules = new RelayRules(List.of("example.com"), false, List.of("client.example"));
        with(SmtpPolicy.builder().relay(rules).unqualifiedDomains("client.example", "example.com").build()).ehlo();
        // the sender's domain lets it relay; bob is local once he has the domain
        smtp.send("MAIL FROM:<alice>\r\nRCPT TO:<bob>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n250 2.1.5 RCPT TO accepted\r\n",
                smtp.replies());
        smtp.close();

        with(SmtpPolicy.builder().relay(new RelayRules(List.of("example.com"), false, null))
                .unqualifiedDomains("client.example", "other.org").build()).ehlo();
        smtp.send("MAIL FROM:<alice>\r\nRCPT TO:<bob>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n550 5.7.1 relaying denied\r\n", smtp.replies());
    }

    @Test
    void trailingWhitespaceIsIgnoredOnlyWhenAllowed() {
        String loose = "MAIL FROM:< a@example.org > \r\n";
        with(SmtpPolicy.DEFAULT).ehlo();
        smtp.send(loose);
        assertEquals("501 5.5.2 MAIL FROM syntax error\r\n", smtp.replies());
        smtp.close();

        with(policy(null, false, true, true, true, 0, 0)).ehlo();
        smtp.send(loose + "RCPT TO:<  b@example.com>   \r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void recipientsPerConnectionCountAcrossTransactions() {
        with(policy(null, false, true, true, false, 0, 2)).ehlo();
        smtp.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.com>\r\nRSET\r\n"
                + "MAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.com>\r\nRCPT TO:<d@example.com>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n250 2.0.0 OK\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n"
                + "452 4.5.3 Service unavailable, recipients per connection limit reached\r\n", smtp.replies());
        assertTrue(smtp.channel.isOpen(), "the session goes on");
    }

    @Test
    void receptionsPerConnectionEndTheSessionAtTheNextMail() {
        with(policy(null, false, true, true, false, 1, 0)).ehlo();
        smtp.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send("Subject: one\r\n\r\nbody\r\n.\r\n");
        smtp.complete(0, new DeliveryOutcome.Accepted(smtp.deliverer.only().message.queueId()));
        assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));

        smtp.send("MAIL FROM:<a@example.org>\r\n");
        assertEquals("421 4.7.0 mx.example.com too many messages in this session, closing connection\r\n",
                smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void aRefusedMessageDoesNotCountAsAReception() {
        with(policy(null, false, true, true, false, 1, 0)).ehlo();
        smtp.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        smtp.replies();
        smtp.send("Subject: one\r\n\r\nbody\r\n.\r\n");
        smtp.complete(0, new DeliveryOutcome.Failed("test"));
        assertEquals("451 4.3.0 transaction failed\r\n", smtp.replies());
        smtp.send("MAIL FROM:<a@example.org>\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }
}
