package org.mtalistener.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PLAIN, LOGIN and CRAM-MD5 against a clear-text store, with RFC 2195's own example for CRAM-MD5. */
class MechanismTest {

    @TempDir
    Path dir;

    private Credentials credentials;

    @BeforeEach
    void store() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "# users\ntim:tanstaaftanstaaf\nalice:s3cr:et\n");
        credentials = new Credentials(PasswordStore.load("file://" + file), null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cramMd5AcceptsTheExampleOfRfc2195() {
        CramMd5 cram = new CramMd5(credentials, "<1896.697170952@postoffice.reston.mci.net>");
        SaslStep.Challenge challenge = assertInstanceOf(SaslStep.Challenge.class, cram.start(null));
        assertArrayEquals(bytes("<1896.697170952@postoffice.reston.mci.net>"), challenge.data());
        assertEquals(new SaslStep.Success("tim"), cram.next(bytes("tim b913a602c7eda7a495b4e6e7334d3890")));
    }

    @Test
    void cramMd5RefusesAWrongDigestAnUnknownUserAndAnInitialResponse() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        assertSame(SaslStep.FAILURE, new CramMd5(credentials, challenge)
                .next(bytes("tim b913a602c7eda7a495b4e6e7334d3891")));
        assertSame(SaslStep.FAILURE, new CramMd5(credentials, challenge)
                .next(bytes("tom b913a602c7eda7a495b4e6e7334d3890")));
        assertSame(SaslStep.MALFORMED, new CramMd5(credentials, challenge).next(bytes("nodigest")));
        assertSame(SaslStep.MALFORMED, new CramMd5(credentials, challenge).start(bytes("tim")));
    }

    @Test
    void cramMd5ChallengesAreUniqueAndNameTheHost() {
        SaslStep.Challenge one = (SaslStep.Challenge) Mechanism.CRAM_MD5.exchange(credentials, "mx.test").start(null);
        SaslStep.Challenge two = (SaslStep.Challenge) Mechanism.CRAM_MD5.exchange(credentials, "mx.test").start(null);
        String text = new String(one.data(), StandardCharsets.US_ASCII);
        assertTrue(text.matches("<\\d+\\.\\d+@mx\\.test>"), text);
        assertTrue(!text.equals(new String(two.data(), StandardCharsets.US_ASCII)));
    }

    @Test
    void plainTakesAuthcidAndPasswordWithOrWithoutTheSameAuthzid() {
        assertEquals(new SaslStep.Success("alice"), new Plain(credentials).start(bytes("\0alice\0s3cr:et")));
        assertEquals(new SaslStep.Success("alice"), new Plain(credentials).next(bytes("alice\0alice\0s3cr:et")));
        assertSame(SaslStep.FAILURE, new Plain(credentials).next(bytes("\0alice\0s3cret")));
        assertSame(SaslStep.FAILURE, new Plain(credentials).next(bytes("\0nobody\0s3cr:et")));
        // Acting for another user is refused even with the right password.
        assertSame(SaslStep.FAILURE, new Plain(credentials).next(bytes("tim\0alice\0s3cr:et")));
        assertSame(SaslStep.MALFORMED, new Plain(credentials).next(bytes("alice s3cr:et")));
        assertSame(SaslStep.MALFORMED, new Plain(credentials).next(bytes("\0alice\0s3cr:et\0more")));
    }

    @Test
    void plainWithoutInitialResponseSendsAnEmptyChallenge() {
        SaslStep.Challenge challenge = assertInstanceOf(SaslStep.Challenge.class, new Plain(credentials).start(null));
        assertEquals(0, challenge.data().length);
    }

    @Test
    void loginAsksUsernameThenPassword() {
        Login login = new Login(credentials);
        assertArrayEquals(bytes("Username:"), ((SaslStep.Challenge) login.start(null)).data());
        assertArrayEquals(bytes("Password:"), ((SaslStep.Challenge) login.next(bytes("tim"))).data());
        assertEquals(new SaslStep.Success("tim"), login.next(bytes("tanstaaftanstaaf")));

        Login withInitial = new Login(credentials);
        assertArrayEquals(bytes("Password:"), ((SaslStep.Challenge) withInitial.start(bytes("tim"))).data());
        assertSame(SaslStep.FAILURE, withInitial.next(bytes("wrong")));
    }

    @Test
    void mechanismsAreFoundByTheirSaslNameInAnyCase() {
        assertSame(Mechanism.CRAM_MD5, Mechanism.find("cram-md5"));
        assertSame(Mechanism.PLAIN, Mechanism.find("Plain"));
        assertSame(Mechanism.DIGEST_MD5, Mechanism.find("Digest-MD5"));
        assertEquals(null, Mechanism.find("SCRAM-SHA-1"));
    }
}
