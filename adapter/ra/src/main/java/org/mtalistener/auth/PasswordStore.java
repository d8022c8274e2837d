package org.mtalistener.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The users of one password store, read once when the activation validates (never on an event loop):
 * <ul>
 *   <li>{@code file:///path}: {@code user:password} lines in clear text (the password may hold colons);</li>
 *   <li>{@code digest:///path}: htdigest lines, {@code user:realm:md5(user:realm:password)} in hex.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped. Passwords are compared in constant time, and an
 * unknown user costs the same comparison as a known one.
 */
public final class PasswordStore {

    private static final byte[] NO_SECRET = new byte[16];

    private final String uri;
    /** file://: user → clear password; digest://: "user:realm" → HA1 bytes */
    private final Map<String, byte[]> secrets;
    private final boolean cleartext;

    private PasswordStore(String uri, Map<String, byte[]> secrets, boolean cleartext) {
        this.uri = uri;
        this.secrets = secrets;
        this.cleartext = cleartext;
    }

    /** Reads the store {@code uri} names; the message of a failure names the file and, for a bad line, the line. */
    public static PasswordStore load(String uri) throws IOException {
        boolean cleartext;
        String path;
        if (uri.startsWith("file://")) {
            cleartext = true;
            path = uri.substring("file://".length());
        } else if (uri.startsWith("digest://")) {
            cleartext = false;
            path = uri.substring("digest://".length());
        } else {
            throw new IOException("uri \"" + uri + "\" is neither file:///path (user:password lines) nor "
                    + "digest:///path (htdigest lines)");
        }
        if (path.isEmpty()) {
            throw new IOException("uri \"" + uri + "\" names no file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the password file " + path + ": " + e, e);
        }
        Map<String, byte[]> secrets = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (cleartext) {
                if (colon <= 0) {
                    throw new IOException(path + ":" + (i + 1) + ": expected user:password");
                }
                secrets.put(line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            } else {
                int last = line.lastIndexOf(':');
                String hex = line.substring(last + 1).strip();
                if (colon <= 0 || last == colon || !hex.matches("[0-9a-fA-F]{32}")) {
                    throw new IOException(path + ":" + (i + 1) + ": expected user:realm:md5 (htdigest)");
                }
                secrets.put(line.substring(0, last), HexFormat.of().parseHex(hex));
            }
        }
        return new PasswordStore(uri, Map.copyOf(secrets), cleartext);
    }

    /** Whether the store holds clear-text passwords (file://), as CRAM-MD5 needs. */
    public boolean cleartext() {
        return cleartext;
    }

    public String uri() {
        return uri;
    }

    /**
     * Whether {@code password} is {@code user}'s. In a digest store the user's line for {@code realm} is used, or,
     * with no realm, each of the user's lines.
     */
    public boolean verify(String user, String password, String realm) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        if (cleartext) {
            byte[] stored = secrets.get(user);
            // MessageDigest.isEqual takes the same time whatever the bytes; the dummy hides unknown users.
            boolean equal = MessageDigest.isEqual(stored == null ? NO_SECRET : stored, given);
            return stored != null && equal;
        }
        boolean found = false;
        for (Map.Entry<String, byte[]> entry : secrets.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(user + ":")) {
                continue;
            }
            String lineRealm = key.substring(user.length() + 1);
            if (realm != null && !realm.equals(lineRealm)) {
                continue;
            }
            byte[] ha1 = md5((user + ":" + lineRealm + ":").getBytes(StandardCharsets.UTF_8), given);
            found |= MessageDigest.isEqual(entry.getValue(), ha1);
        }
        if (!found) {
            MessageDigest.isEqual(NO_SECRET, md5(given));
        }
        return found;
    }

    /** {@code user}'s clear-text password, or null when the store has none (an unknown user, or a digest store). */
    byte[] cleartextPassword(String user) {
        byte[] stored = cleartext ? secrets.get(user) : null;
        return stored == null ? null : stored.clone();
    }

    /**
     * The 16 bytes of {@code md5(user:realm:password)} a digest store holds for {@code user} in {@code realm}, as
     * DIGEST-MD5 needs; null for an unknown user or realm, or a clear-text store.
     */
    byte[] digestSecret(String user, String realm) {
        byte[] stored = cleartext ? null : secrets.get(user + ":" + realm);
        return stored == null ? null : stored.clone();
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                md5.update(part);
            }
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
