package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.auth.AuthSettings;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.PasswordStore;
import org.mtalistener.delivery.DeliveryOutcome;

/** SMTP AUTH (RFC 4954) on an EmbeddedChannel: offers, exchanges, every refusal, relay and the user the MDB gets. */
class SmtpAuthTest {

    private static final String AUTH_PLAIN_ALICE = b64("\0alice\0s3cret");

    @TempDir
    Path spill;
    @TempDir
    Path dir;

    private SessionHarness smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Credentials credentials() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "alice:s3cret\n");
        return new Credentials(PasswordStore.load("file://" + file), null);
    }

    /** A session whose relay rules take only example.com, with {@code auth}. */
    private SessionHarness with(AuthSettings auth) {
        SmtpSettings plain = SessionHarness.settings(0, 0, Duration.ZERO);
        SmtpPolicy policy = SmtpPolicy.builder().relay(new RelayRules(List.of("example.com"), false, null)).build();
        smtp = new SessionHarness(spill, new SmtpSettings(plain.listenerName(), plain.bannerHostname(),
                plain.receivedHostname(), 0, 0, Duration.ZERO, policy, TlsSettings.NONE, Map.of(), auth));
        return smtp;
    }

    private AuthSettings allMechanisms(boolean plaintextAllowed) throws IOException {
        Credentials c = credentials();
        return new AuthSettings(Map.of(Mechanism.PLAIN, c, Mechanism.LOGIN, c, Mechanism.CRAM_MD5, c),
                plaintextAllowed, false, false, false);
    }

    private String ehlo() {
        smtp.send("EHLO client.example.org\r\n");
        return smtp.replies();
    }

    @Test
    void plainAndLoginAreNeitherOfferedNorTakenBeforeTls() throws IOException {
        with(allMechanisms(false));
        assertTrue(ehlo().endsWith("250-SMTPUTF8\r\n250 AUTH CRAM-MD5\r\n"));
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\nAUTH LOGIN\r\n");
        assertEquals("538 5.7.11 Encryption required for requested authentication mechanism\r\n"
                + "538 5.7.11 Encryption required for requested authentication mechanism\r\n", smtp.replies());
    }

    @Test
    void plainWithAnInitialResponseAuthenticatesAndLetsTheClientRelay() throws IOException {
        with(allMechanisms(true));
        assertTrue(ehlo().endsWith("250 AUTH PLAIN LOGIN CRAM-MD5\r\n"));
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@other.org>\r\nRSET\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n550 5.7.1 relaying denied\r\n250 2.0.0 OK\r\n",
                smtp.replies());
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("235 2.7.0 Authentication successful\r\n", smtp.replies());
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@other.org>\r\nDATA\r\n");
        assertEquals("250 2.1.0 MAIL FROM accepted\r\n250 2.1.5 RCPT TO accepted\r\n" + SessionHarness.START_DATA,
                smtp.replies());
        smtp.send("Subject: x\r\n\r\nbody\r\n.\r\n");
        assertEquals("alice", smtp.deliverer.deliveries.get(0).message.session().authenticatedUser());
        smtp.complete(0, new DeliveryOutcome.Accepted(smtp.deliverer.deliveries.get(0).message.queueId()));
        assertTrue(smtp.replies().startsWith("250 2.0.0 OK queued as "));
        // The password never reaches the log.
        assertFalse(smtp.log().stream().anyMatch(r -> r.getMessage().contains(AUTH_PLAIN_ALICE)));
    }

    @Test
    void plainWithoutInitialResponseGetsAnEmptyChallenge() throws IOException {
        with(allMechanisms(true));
        ehlo();
        smtp.send("AUTH PLAIN\r\n");
        assertEquals("334 \r\n", smtp.replies());
        smtp.send(AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("235 2.7.0 Authentication successful\r\n", smtp.replies());
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("503 5.5.1 Already authenticated\r\n", smtp.replies());
    }

    @Test
    void loginAsksForUsernameAndPasswordInBase64() throws IOException {
        with(allMechanisms(true));
        ehlo();
        smtp.send("AUTH LOGIN\r\n");
        assertEquals("334 " + b64("Username:") + "\r\n", smtp.replies());
        smtp.send(b64("alice") + "\r\n");
        assertEquals("334 " + b64("Password:") + "\r\n", smtp.replies());
        smtp.send(b64("s3cret") + "\r\n");
        assertEquals("235 2.7.0 Authentication successful\r\n", smtp.replies());
    }

    @Test
    void cramMd5IsOfferedBeforeTlsAndChecksTheHmac() throws Exception {
        with(allMechanisms(false));
        ehlo();
        smtp.send("AUTH CRAM-MD5\r\n");
        String reply = smtp.replies();
        assertTrue(reply.startsWith("334 "), reply);
        byte[] challenge = Base64.getDecoder().decode(reply.substring(4).strip());
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.US_ASCII), "HmacMD5"));
        smtp.send(b64("alice " + HexFormat.of().formatHex(mac.doFinal(challenge))) + "\r\n");
        assertEquals("235 2.7.0 Authentication successful\r\n", smtp.replies());
    }

    private AuthSettings digestMd5() throws IOException {
        Path file = Files.writeString(dir.resolve("htdigest"), "alice:mail.example.net:"
                + HexFormat.of().formatHex(md5("alice:mail.example.net:s3cret")) + "\n");
        return new AuthSettings(Map.of(Mechanism.DIGEST_MD5,
                new Credentials(PasswordStore.load("digest://" + file), "mail.example.net")), false, false, false, false);
    }

    private static byte[] md5(String text) {
        return md5(text, StandardCharsets.UTF_8);
    }

    private static byte[] md5(String text, java.nio.charset.Charset charset) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(charset));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code name="..."} in a DIGEST-MD5 challenge (the server's values hold no escapes). */
    private static String directive(String challenge, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(challenge);
        assertTrue(m.find(), challenge);
        return m.group(1);
    }

    /** A digest-response to the 334 {@code reply}, made the RFC 2831 way with {@code password} and {@code nc}. */
    private static String digestResponse(String reply, String password, String nc) {
        assertTrue(reply.startsWith("334 "), reply);
        String challenge = new String(Base64.getDecoder().decode(reply.substring(4).strip()), StandardCharsets.UTF_8);
        String realm = directive(challenge, "realm");
        String nonce = directive(challenge, "nonce");
        String cnonce = "c" + nonce.length();
        String uri = "smtp/mail.example.net";
        String ha1 = HexFormat.of().formatHex(md5(new String(md5("alice:" + realm + ":" + password),
                StandardCharsets.ISO_8859_1) + ":" + nonce + ":" + cnonce, StandardCharsets.ISO_8859_1));
        String response = HexFormat.of().formatHex(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:"
                + HexFormat.of().formatHex(md5("AUTHENTICATE:" + uri))));
        return b64("charset=utf-8,username=\"alice\",realm=\"" + realm + "\",nonce=\"" + nonce + "\",nc=" + nc
                + ",cnonce=\"" + cnonce + "\",digest-uri=\"" + uri + "\",response=" + response + ",qop=auth");
    }

    @Test
    void digestMd5IsOfferedBeforeTlsAndEndsWithRspauthThenAnEmptyLine() throws IOException {
        with(digestMd5());
        assertTrue(ehlo().endsWith("250-SMTPUTF8\r\n250 AUTH DIGEST-MD5\r\n"));
        smtp.send("AUTH DIGEST-MD5\r\n");
        smtp.send(digestResponse(smtp.replies(), "s3cret", "00000001") + "\r\n");
        String rspauth = smtp.replies();
        assertTrue(rspauth.startsWith("334 "), rspauth);
        assertTrue(new String(Base64.getDecoder().decode(rspauth.substring(4).strip()), StandardCharsets.UTF_8)
                .matches("rspauth=[0-9a-f]{32}"), rspauth);
        smtp.send("\r\nMAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@other.org>\r\n");
        assertEquals("235 2.7.0 Authentication successful\r\n250 2.1.0 MAIL FROM accepted\r\n"
                + "250 2.1.5 RCPT TO accepted\r\n", smtp.replies());
    }

    @Test
    void digestMd5RefusesAWrongPasswordAReplayedResponseAndASecondNc() throws IOException {
        with(digestMd5());
        ehlo();
        smtp.send("AUTH DIGEST-MD5\r\n");
        smtp.send(digestResponse(smtp.replies(), "wrong", "00000001") + "\r\n");
        assertEquals("535 5.7.8 Authentication credentials invalid\r\n", smtp.replies());

        smtp.send("AUTH DIGEST-MD5\r\n");
        String firstChallenge = smtp.replies();
        String good = digestResponse(firstChallenge, "s3cret", "00000001");
        smtp.send("*\r\nAUTH DIGEST-MD5\r\n");
        assertTrue(smtp.replies().startsWith("501 5.7.0 Authentication cancelled\r\n334 "));
        // A response good for the first challenge's nonce fails against the next one.
        smtp.send(good + "\r\n");
        assertEquals("535 5.7.8 Authentication credentials invalid\r\n", smtp.replies());

        // A new session: a right response with nc 2 for a fresh nonce is a replay.
        smtp.close();
        with(digestMd5());
        ehlo();
        smtp.send("AUTH DIGEST-MD5\r\n");
        smtp.send(digestResponse(smtp.replies(), "s3cret", "00000002") + "\r\n");
        assertEquals("535 5.7.8 Authentication credentials invalid\r\n", smtp.replies());
    }

    @Test
    void aStarCancelsAndBadBase64IsRefused() throws IOException {
        with(allMechanisms(true));
        ehlo();
        smtp.send("AUTH LOGIN\r\n*\r\nAUTH PLAIN !!notbase64\r\nAUTH LOGIN\r\n%%%\r\nNOOP\r\n");
        assertEquals("334 " + b64("Username:") + "\r\n501 5.7.0 Authentication cancelled\r\n"
                + "501 5.5.2 Cannot decode response\r\n334 " + b64("Username:") + "\r\n"
                + "501 5.5.2 Cannot decode response\r\n250 2.0.0 OK\r\n", smtp.replies());
    }

    @Test
    void unknownMechanismsTransactionsAndMissingEhloAreRefused() throws IOException {
        with(allMechanisms(true));
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("503 5.5.1 EHLO first\r\n", smtp.replies());
        ehlo();
        smtp.send("AUTH DIGEST-MD5\r\nAUTH\r\nMAIL FROM:<a@example.com>\r\nAUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("504 5.5.4 Unrecognized authentication type\r\n501 5.5.4 AUTH needs a mechanism\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n503 5.5.1 AUTH not permitted during a mail transaction\r\n",
                smtp.replies());
    }

    @Test
    void aSessionWithoutMechanismsOffersNoAuth() {
        with(AuthSettings.NONE);
        assertEquals(SessionHarness.EHLO_REPLY, ehlo());
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("502 5.5.1 AUTH not available\r\n", smtp.replies());
    }

    @Test
    void theThirdFailureEndsTheSession() throws IOException {
        with(allMechanisms(true));
        ehlo();
        String wrong = b64("\0alice\0wrong");
        smtp.send("AUTH PLAIN " + wrong + "\r\nAUTH PLAIN " + wrong + "\r\n");
        assertEquals("535 5.7.8 Authentication credentials invalid\r\n"
                + "535 5.7.8 Authentication credentials invalid\r\n", smtp.replies());
        smtp.send("AUTH PLAIN " + wrong + "\r\nNOOP\r\n");
        assertEquals("421 4.7.0 mx.example.com too many failed authentication attempts, closing connection\r\n",
                smtp.replies());
        assertFalse(smtp.channel.isOpen());
    }

    @Test
    void enableAuthenticationRefusesMailBeforeAuth() throws IOException {
        Credentials c = credentials();
        with(new AuthSettings(Map.of(Mechanism.PLAIN, c), true, true, false, false));
        ehlo();
        smtp.send("MAIL FROM:<a@example.com>\r\nAUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\nMAIL FROM:<a@example.com>\r\n");
        assertEquals("530 5.7.0 Authentication required\r\n235 2.7.0 Authentication successful\r\n"
                + "250 2.1.0 MAIL FROM accepted\r\n", smtp.replies());
    }

    @Test
    void alwaysAllowMakesEveryClientAnonymousAndAlwaysDenyFailsEveryAttempt() throws IOException {
        Credentials c = credentials();
        with(new AuthSettings(Map.of(Mechanism.PLAIN, c), true, true, true, false));
        assertEquals(SessionHarness.EHLO_REPLY, ehlo(), "nothing to offer: the client already counts as anonymous");
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@other.org>\r\nDATA\r\nSubject: x\r\n\r\n.\r\n");
        assertEquals("anonymous", smtp.deliverer.deliveries.get(0).message.session().authenticatedUser());
        smtp.complete(0, new DeliveryOutcome.Accepted(smtp.deliverer.deliveries.get(0).message.queueId()));
        smtp.close();

        with(new AuthSettings(Map.of(Mechanism.PLAIN, c), true, false, true, true));
        ehlo();
        smtp.send("AUTH PLAIN " + AUTH_PLAIN_ALICE + "\r\n");
        assertEquals("535 5.7.8 Authentication credentials invalid\r\n", smtp.replies());
    }

    @Test
    void anUnauthenticatedSessionGivesTheMdbNoUser() throws IOException {
        with(allMechanisms(true));
        ehlo();
        smtp.send("MAIL FROM:<a@elsewhere.org>\r\nRCPT TO:<e@example.com>\r\nDATA\r\nSubject: x\r\n\r\n.\r\n");
        assertNull(smtp.deliverer.deliveries.get(0).message.session().authenticatedUser());
        smtp.complete(0, new DeliveryOutcome.Accepted(smtp.deliverer.deliveries.get(0).message.queueId()));
    }
}
