package org.mtalistener.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials of an {@code Authorization: Digest} header (RFC 7616, RFC 2617), algorithm MD5 with qop
 * {@code auth} only, as Momentum's HTTP_Listener takes them against {@code AuthDigestMD5Parameters}. Whether the
 * nonce is still good is the listener's to say; this checks the response alone.
 *
 * @param username the user, UTF-8 as sent
 * @param nc       the nonce count, eight hex digits
 */
public record HttpDigest(String username, String realm, String nonce, String uri, String nc, String cnonce,
                         String response) {

    private static final byte[] NO_SECRET = new byte[16];

    /** The credentials of a header value after {@code Digest }; null when malformed or not MD5 with qop=auth. */
    public static HttpDigest parse(String credentials) {
        Map<String, String> d = DigestMd5.parse(credentials);
        if (d == null || !"auth".equals(d.get("qop")) || !d.getOrDefault("algorithm", "MD5").equalsIgnoreCase("MD5")
                || d.get("nc") == null || !d.get("nc").matches("[0-9a-fA-F]{8}")) {
            return null;
        }
        for (String name : new String[] {"username", "realm", "nonce", "uri", "cnonce", "response"}) {
            if (d.get(name) == null || d.get(name).isEmpty()) {
                return null;
            }
        }
        // Header values reach us one char a byte: the username's bytes are UTF-8 (RFC 7616 section 4).
        String username = new String(d.get("username").getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new HttpDigest(username, d.get("realm"), d.get("nonce"), d.get("uri"), d.get("nc"), d.get("cnonce"),
                d.get("response").toLowerCase(Locale.ROOT));
    }

    /** The nonce count as a number. */
    public long count() {
        return Long.parseLong(nc, 16);
    }

    /**
     * Whether the response is {@code username}'s for {@code method} on {@code realm}: an unknown user costs the same
     * computation and constant-time comparison as a known one.
     */
    public boolean verify(Credentials credentials, String method) {
        byte[] secret = DigestMd5.secret(credentials, username, realm, true);
        String expected = DigestMd5.kd(secret == null ? NO_SECRET : secret, nonce, nc, cnonce, method + ":" + uri);
        boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.getBytes(StandardCharsets.ISO_8859_1));
        return secret != null && equal;
    }
}
