package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.smtp.SessionHarness.START_DATA;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.DeliveryOutcome;

/** SMTPUTF8 (RFC 6531): UTF-8 addresses in a transaction that asks for them, the RFC's refusal in any other. */
class SmtpUtf8Test {

    private static final String SENDER = "pelé@exämple.org";
    private static final String RECIPIENT = "δοκιμή@παράδειγμα.δοκιμή";

    @TempDir
    Path spill;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    /** What a client sends for {@code text}: its UTF-8 octets, one char each as the harness writes them. */
    private static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void internationalizedTransactionReachesTheMdbDecoded() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(wire("MAIL FROM:<" + SENDER + "> SMTPUTF8 BODY=8BITMIME\r\nRCPT TO:<" + RECIPIENT + ">\r\n"
                + "DATA\r\nSubject: héllo\r\n\r\nbody\r\n.\r\n"));
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        Envelope envelope = delivery.message.envelope();
        assertEquals(SENDER, envelope.sender());
        assertEquals(List.of(RECIPIENT), envelope.recipients());
        assertTrue(envelope.smtpUtf8());
        String id = delivery.message.queueId();
        assertEquals(wire("Received: from client.example.org ([192.0.2.7] port 40123)\r\n"
                + "\tby relay.example.com (MTA Listener Adapter) with UTF8SMTP id " + id + "\r\n"
                + "\tfor <" + RECIPIENT + ">; " + SessionHarness.DATE + "\r\n"
                + "Subject: héllo\r\n\r\nbody\r\n"), delivery.content());
        smtp.complete(0, new DeliveryOutcome.Accepted(id));
    }

    @Test
    void nonAsciiAddressesWithoutSmtpUtf8AreRefused() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send(wire("MAIL FROM:<" + SENDER + ">\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<" + RECIPIENT
                + ">\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n.\r\n"));
        assertEquals("553 5.6.7 Non-ASCII addresses not permitted for that sender/recipient\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n"
                + "553 5.6.7 Non-ASCII addresses not permitted for that sender/recipient\r\n"
                + "250 2.1.5 RCPT TO accepted\r\n" + START_DATA, smtp.replies());
        FakeDeliverer.Delivery delivery = smtp.deliverer.only();
        assertFalse(delivery.message.envelope().smtpUtf8());
        assertEquals(List.of("bob@example.com"), delivery.message.envelope().recipients());
        smtp.complete(0, new DeliveryOutcome.Accepted("x"));
    }

    @Test
    void malformedUtf8AndParameterValuesAreSyntaxErrors() {
        smtp = new SessionHarness(spill).ehlo();
        smtp.send("MAIL FROM:<p\u00ffl\u00e9@example.org> SMTPUTF8\r\n"
                + "MAIL FROM:<alice@example.org> SMTPUTF8=yes\r\n"
                + wire("MAIL FROM:<alice@example.org> SMTPUTF8\r\nRCPT TO:<bob@exa\u0085mple.com>\r\n"));
        assertEquals("501 5.5.2 MAIL FROM syntax error\r\n501 5.5.4 invalid SMTPUTF8 parameter\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n501 5.5.2 RCPT TO syntax error\r\n", smtp.replies(),
                "invalid UTF-8; a value; a C1 control is no letter");
    }

    @Test
    void withoutTheExtensionNothingIsOfferedAndTheParameterIsUnknown() {
        SmtpSettings base = SessionHarness.settings(0, 0, Duration.ZERO);
        smtp = new SessionHarness(spill, new SmtpSettings(base.listenerName(), base.bannerHostname(),
                base.receivedHostname(), 0, 0, Duration.ZERO,
                SmtpPolicy.builder().extensions(Set.of(SmtpExtension.CHUNKING)).build(), TlsSettings.NONE));
        smtp.send("EHLO client.example.org\r\n");
        assertFalse(smtp.replies().contains("SMTPUTF8"));
        smtp.send(wire("MAIL FROM:<alice@example.org> SMTPUTF8\r\nMAIL FROM:<" + SENDER + "> SMTPUTF8\r\n"));
        assertEquals("555 5.5.4 unsupported MAIL FROM parameter\r\n"
                + "553 5.6.7 Non-ASCII addresses not permitted for that sender/recipient\r\n", smtp.replies());
    }

    @Test
    void envelopesBuiltTheOldWayTellFromTheirParameters() {
        assertTrue(new Envelope("a@b.c", List.of("d@e.f"), Map.of("SMTPUTF8", "")).smtpUtf8());
        assertFalse(new Envelope("a@b.c", List.of("d@e.f"), Map.of()).smtpUtf8());
    }
}
