package org.mtalistener.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DIGEST-MD5 (RFC 2831) with the example of its section 4, against htdigest and clear-text stores. */
class DigestMd5Test {

    private static final String REALM = "elwood.innosoft.com";
    private static final String NONCE = "OA6MG9tEQGm2hh";
    private static final String CNONCE = "OA6MHXh6VqTrRk";
    /** RFC 2831 section 4, the client's digest-response (imap: only the computation applies to SMTP). */
    private static final String RFC_RESPONSE = "charset=utf-8,username=\"chris\",realm=\"elwood.innosoft.com\","
            + "nonce=\"OA6MG9tEQGm2hh\",nc=00000001,cnonce=\"OA6MHXh6VqTrRk\",digest-uri=\"imap/elwood.innosoft.com\","
            + "response=d388dad90d4bbd760a152321f2143af7,qop=auth";

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] md5(String text) throws Exception {
        return MessageDigest.getInstance("MD5").digest(bytes(text));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** RFC 2831's response, written out here independently of DigestMd5. */
    private static String expected(String user, String realm, String password, String nonce, String cnonce, String nc,
                           String a2) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(md5(user + ":" + realm + ":" + password));
        md5.update(bytes(":" + nonce + ":" + cnonce));
        String ha1 = hex(md5.digest());
        return hex(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + hex(md5(a2))));
    }

    private Credentials htdigest() throws Exception {
        Path file = Files.writeString(dir.resolve("htdigest"),
                "chris:" + REALM + ":" + hex(md5("chris:" + REALM + ":secret")) + "\n"
                        + "chris:other.realm:" + hex(md5("chris:other.realm:other")) + "\n");
        return new Credentials(PasswordStore.load("digest://" + file), REALM);
    }

    private Credentials cleartext() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "chris:secret\n");
        return new Credentials(PasswordStore.load("file://" + file), null);
    }

    private static String smtpResponse(String nc, String responseValue) {
        return "charset=utf-8,username=\"chris\",realm=\"" + REALM + "\",nonce=\"" + NONCE + "\",nc=" + nc
                + ",cnonce=\"" + CNONCE + "\",digest-uri=\"smtp/mx.example.com\",response=" + responseValue
                + ",qop=auth";
    }

    @Test
    void computesTheResponseAndRspauthOfRfc2831Section4() {
        byte[] secret = DigestMd5.ha1("chris", REALM, "secret", true);
        assertEquals("d388dad90d4bbd760a152321f2143af7",
                DigestMd5.response(secret, NONCE, CNONCE, "00000001", null, "AUTHENTICATE:imap/elwood.innosoft.com"));
        assertEquals("ea40f60335c427b5527b84dbabcdfffd",
                DigestMd5.response(secret, NONCE, CNONCE, "00000001", null, ":imap/elwood.innosoft.com"));
    }

    @Test
    void challengesWithTheRealmAFreshNonceQopAuthUtf8AndMd5Sess() throws Exception {
        DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
        SaslStep.Challenge challenge = assertInstanceOf(SaslStep.Challenge.class, digest.start(null));
        assertEquals("realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",charset=utf-8,"
                + "algorithm=md5-sess", new String(challenge.data(), StandardCharsets.UTF_8));
        assertSame(SaslStep.MALFORMED, new DigestMd5(htdigest(), REALM, NONCE, "smtp").start(new byte[0]));

        // Two exchanges never share a nonce.
        String first = new String(((SaslStep.Challenge) Mechanism.DIGEST_MD5.exchange(htdigest(), "h").start(null))
                .data(), StandardCharsets.UTF_8);
        String second = new String(((SaslStep.Challenge) Mechanism.DIGEST_MD5.exchange(htdigest(), "h").start(null))
                .data(), StandardCharsets.UTF_8);
        assertEquals(first.substring(0, first.indexOf("nonce=")), "realm=\"elwood.innosoft.com\",");
        assertNotEquals(first, second);
        assertEquals("realm=\"h\",", new String(((SaslStep.Challenge) Mechanism.DIGEST_MD5
                .exchange(cleartext(), "h").start(null)).data(), StandardCharsets.UTF_8).substring(0, 10));
    }

    @Test
    void theRfcExampleItselfIsRefusedForItsImapUri() throws Exception {
        DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
        digest.start(null);
        assertSame(SaslStep.FAILURE, digest.next(bytes(RFC_RESPONSE)));
        DigestMd5 ok = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
        ok.start(null);
        // The same directives with an smtp/ uri (and the response for it) pass: only the uri was wrong.
        String smtp = expected("chris", REALM, "secret", NONCE, CNONCE, "00000001",
                "AUTHENTICATE:smtp/elwood.innosoft.com");
        assertInstanceOf(SaslStep.Challenge.class, ok.next(bytes(RFC_RESPONSE.replace("imap/", "smtp/")
                .replace("d388dad90d4bbd760a152321f2143af7", smtp))));
    }

    @Test
    void succeedsAgainstAnHtdigestStoreWithRspauthThenAnEmptyResponse() throws Exception {
        String response = expected("chris", REALM, "secret", NONCE, CNONCE, "00000001",
                "AUTHENTICATE:smtp/mx.example.com");
        DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
        digest.start(null);
        SaslStep.Challenge rspauth = assertInstanceOf(SaslStep.Challenge.class,
                digest.next(bytes(smtpResponse("00000001", response.toUpperCase()))));
        assertArrayEquals(bytes("rspauth=" + expected("chris", REALM, "secret", NONCE, CNONCE, "00000001",
                ":smtp/mx.example.com")), rspauth.data());
        assertEquals(new SaslStep.Success("chris"), digest.next(new byte[0]));
    }

    @Test
    void succeedsAgainstAClearTextStore() throws Exception {
        String response = expected("chris", REALM, "secret", NONCE, CNONCE, "00000001",
                "AUTHENTICATE:smtp/mx.example.com");
        DigestMd5 digest = new DigestMd5(cleartext(), REALM, NONCE, "smtp");
        digest.start(null);
        assertInstanceOf(SaslStep.Challenge.class, digest.next(bytes(smtpResponse("00000001", response))));
        assertSame(SaslStep.MALFORMED, digest.next(bytes("rspauth=x")));
    }

    @Test
    void refusesAWrongPasswordRealmNonceNcUserOrAuthzid() throws Exception {
        String good = smtpResponse("00000001", expected("chris", REALM, "secret", NONCE, CNONCE, "00000001",
                "AUTHENTICATE:smtp/mx.example.com"));
        Map<String, String> bad = Map.of(
                "wrong password", smtpResponse("00000001", expected("chris", REALM, "wrong", NONCE, CNONCE,
                        "00000001", "AUTHENTICATE:smtp/mx.example.com")),
                "other realm", good.replace("realm=\"" + REALM, "realm=\"other.realm"),
                "replayed nonce", good.replace(NONCE, "OA6MG9tEQGm2hX"),
                "second nc", smtpResponse("00000002", expected("chris", REALM, "secret", NONCE, CNONCE,
                        "00000002", "AUTHENTICATE:smtp/mx.example.com")),
                "unknown user", good.replace("\"chris\"", "\"chrys\""),
                "other authzid", good + ",authzid=\"root\"",
                "qop auth-int", good.replace("qop=auth", "qop=auth-int"));
        for (Map.Entry<String, String> attempt : bad.entrySet()) {
            DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
            digest.start(null);
            assertSame(SaslStep.FAILURE, digest.next(bytes(attempt.getValue())), attempt.getKey());
        }
        DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
        digest.start(null);
        assertInstanceOf(SaslStep.Challenge.class, digest.next(bytes(good)));
    }

    @Test
    void refusesResponsesWithoutTheFormAsMalformed() throws Exception {
        String good = smtpResponse("00000001", "00");
        for (String malformed : new String[] {good.replace(",response=00", ""), good + ",nonce=\"x\"",
                good.replace("charset=utf-8", "charset=latin1"), "username=\"chris", "garbage"}) {
            DigestMd5 digest = new DigestMd5(htdigest(), REALM, NONCE, "smtp");
            digest.start(null);
            assertSame(SaslStep.MALFORMED, digest.next(bytes(malformed)), malformed);
        }
    }

    @Test
    void parsesQuotedStringsWithCommasEscapesAndEmptyElements() {
        assertEquals(Map.of("username", "a,b\"c", "realm", "r", "nc", "00000001"),
                DigestMd5.parse(" , Username = \"a,b\\\"c\" ,,realm=\"r\",\tnc=00000001,"));
        assertEquals(Map.of(), DigestMd5.parse(""));
        assertNull(DigestMd5.parse("username=\"unterminated"));
        assertNull(DigestMd5.parse("username=a b"));
        assertNull(DigestMd5.parse("username"));
        assertNull(DigestMd5.parse("nc=1,nc=2"));
    }
}
