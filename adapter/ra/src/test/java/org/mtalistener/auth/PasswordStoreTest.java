package org.mtalistener.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordStoreTest {

    @TempDir
    Path dir;

    private static String ha1(String user, String realm, String password) {
        return HexFormat.of().formatHex(PasswordStore.md5((user + ":" + realm + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileStoreHoldsClearPasswordsAndSkipsComments() throws IOException {
        Path file = Files.writeString(dir.resolve("p"), "# comment\n\nbob:pa:ss\n  # indented comment\n");
        PasswordStore store = PasswordStore.load("file://" + file);
        assertTrue(store.cleartext());
        assertTrue(store.verify("bob", "pa:ss", null));
        assertFalse(store.verify("bob", "pa", null));
        assertFalse(store.verify("# comment", "", null));
        assertFalse(store.verify("nobody", "pa:ss", null));
    }

    @Test
    void aDigestStoreChecksMd5OfUserRealmPassword() throws IOException {
        Path file = Files.writeString(dir.resolve("d"), "bob:mail:" + ha1("bob", "mail", "hunter2") + "\n"
                + "bob:other:" + ha1("bob", "other", "second") + "\n");
        PasswordStore store = PasswordStore.load("digest://" + file);
        assertFalse(store.cleartext());
        assertTrue(store.verify("bob", "hunter2", "mail"));
        assertFalse(store.verify("bob", "hunter2", "other"));
        assertTrue(store.verify("bob", "second", null), "without a realm, any of the user's lines");
        assertFalse(store.verify("bo", "hunter2", null));
        assertNull(store.cleartextPassword("bob"), "a digest store has no clear text for CRAM-MD5");
    }

    @Test
    void failuresNameTheFileAndTheLine() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> PasswordStore.load("file://" + dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
        Path bad = Files.writeString(dir.resolve("bad"), "ok:1\nno colon here\n");
        assertEquals(bad + ":2: expected user:password",
                assertThrows(IOException.class, () -> PasswordStore.load("file://" + bad)).getMessage());
        assertEquals(bad + ":1: expected user:realm:md5 (htdigest)",
                assertThrows(IOException.class, () -> PasswordStore.load("digest://" + bad)).getMessage());
        assertTrue(assertThrows(IOException.class, () -> PasswordStore.load("ldap://x")).getMessage()
                .contains("neither file:///path"));
    }
}
