package org.mtalistener.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDigestTest {

    /** RFC 2617 section 3.5's example, the response as the RFC prints it. */
    private static final String MUFASA = "username=\"Mufasa\", realm=\"testrealm@host.com\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
            + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
            + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    @Test
    void theRfcExampleVerifiesAgainstAClearTextStoreAndAnHtdigestOne(@TempDir Path dir) throws IOException {
        HttpDigest digest = HttpDigest.parse(MUFASA);
        assertEquals("Mufasa", digest.username());
        assertEquals(1, digest.count());
        Path clear = Files.writeString(dir.resolve("users"), "Mufasa:Circle Of Life\n");
        assertTrue(digest.verify(new Credentials(PasswordStore.load("file://" + clear), null), "GET"));
        // htdigest -c: md5("Mufasa:testrealm@host.com:Circle Of Life")
        Path htdigest = Files.writeString(dir.resolve("htdigest"),
                "Mufasa:testrealm@host.com:939e7578ed9e3c518a452acee763bce9\n");
        Credentials hashed = new Credentials(PasswordStore.load("digest://" + htdigest), "testrealm@host.com");
        assertTrue(digest.verify(hashed, "GET"));
        assertFalse(digest.verify(hashed, "POST"), "the method is part of the response");
        Path other = Files.writeString(dir.resolve("other"), "Mufasa:Circle of Life\n");
        assertFalse(digest.verify(new Credentials(PasswordStore.load("file://" + other), null), "GET"));
        assertFalse(HttpDigest.parse(MUFASA.replace("Mufasa", "Simba"))
                .verify(new Credentials(PasswordStore.load("file://" + clear), null), "GET"), "unknown user");
    }

    @Test
    void onlyMd5WithQopAuthAndEveryDirectiveIsTaken() {
        assertNull(HttpDigest.parse(MUFASA.replace("qop=auth", "qop=auth-int")));
        assertNull(HttpDigest.parse(MUFASA.replace("qop=auth,", "")), "RFC 2069 responses without qop");
        assertNull(HttpDigest.parse(MUFASA + ", algorithm=SHA-256"));
        assertNull(HttpDigest.parse(MUFASA.replace("nc=00000001", "nc=1")));
        assertNull(HttpDigest.parse(MUFASA.replace("cnonce=\"0a4f113b\", ", "")));
        assertNull(HttpDigest.parse(MUFASA.replace("uri=", "url=")));
        assertNull(HttpDigest.parse("username=\"unterminated"));
        assertEquals("Mufasa", HttpDigest.parse(MUFASA + ", algorithm=md5").username());
    }
}
