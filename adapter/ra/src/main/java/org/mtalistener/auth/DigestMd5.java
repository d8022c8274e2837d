package org.mtalistener.auth;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DIGEST-MD5 (RFC 2831) as an initial authentication, qop {@code auth} only (no integrity or privacy layer):
 * <ol>
 *   <li>the server's challenge: realm, a fresh nonce, {@code qop="auth"}, {@code charset=utf-8},
 *       {@code algorithm=md5-sess};</li>
 *   <li>the client's digest-response, checked against the store: an htdigest store's HA1
 *       ({@code md5(user:realm:password)}) for the realm, or a clear-text store's password;</li>
 *   <li>the server's {@code rspauth=...}, which the client answers with an empty response before 235.</li>
 * </ol>
 * The nonce is this exchange's own, so {@code nc} must be {@code 00000001} and a response made for another
 * challenge fails. The digest-uri must be {@code <service>/<host>[/<serv-name>]} ({@code smtp}, or {@code console}
 * on the console) for any host: clients name the server
 * by whatever they connected to (an MX name, a CNAME, an address literal), and the response is already bound to
 * this server by the nonce and the realm, so the host is not compared with ours.
 */
final class DigestMd5 implements SaslExchange {

    /** The directives a digest-response may hold once (RFC 2831 section 2.1.2: "at most once"). */
    private static final Set<String> ONCE = Set.of("username", "realm", "nonce", "cnonce", "nc", "qop", "digest-uri",
            "response", "maxbuf", "charset", "cipher", "authzid");
    private static final byte[] NO_SECRET = new byte[16];

    private final Credentials credentials;
    private final String realm;
    private final String nonce;
    private final String service;
    private String user;
    private byte[] rspauth;

    /**
     * @param realm the realm offered and checked: the {@code realm} parameter, else the server's host name
     * @param nonce a fresh random nonce without quotes or backslashes
     * @param service the digest-uri's service: {@code smtp}, {@code console}
     */
    DigestMd5(Credentials credentials, String realm, String nonce, String service) {
        this.credentials = credentials;
        this.realm = realm;
        this.nonce = nonce;
        this.service = service;
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        // The server speaks first: an initial response cannot be an answer to anything.
        if (initialResponse != null) {
            return SaslStep.MALFORMED;
        }
        return new SaslStep.Challenge(("realm=\"" + quote(realm) + "\",nonce=\"" + nonce
                + "\",qop=\"auth\",charset=utf-8,algorithm=md5-sess").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SaslStep next(byte[] response) {
        if (rspauth != null) {
            // The client's answer to rspauth must be empty (RFC 2831 section 2.1.3).
            return response.length == 0 ? new SaslStep.Success(user) : SaslStep.MALFORMED;
        }
        // ISO 8859-1 keeps every byte: the strings charset=utf-8 covers are decoded below.
        Map<String, String> d = parse(new String(response, StandardCharsets.ISO_8859_1));
        if (d == null || !d.containsKey("username") || !d.containsKey("nonce") || !d.containsKey("cnonce")
                || !d.containsKey("nc") || !d.containsKey("digest-uri") || !d.containsKey("response")) {
            return SaslStep.MALFORMED;
        }
        boolean utf8 = d.containsKey("charset");
        if (utf8 && !d.get("charset").equalsIgnoreCase("utf-8")) {
            return SaslStep.MALFORMED;
        }
        String qop = d.getOrDefault("qop", "auth");
        String authzid = d.get("authzid");
        String username = text(d.get("username"), utf8);
        String uri = d.get("digest-uri");
        boolean valid = qop.equals("auth")
                && d.containsKey("realm") && realm.equals(text(d.get("realm"), utf8))
                && nonce.equals(d.get("nonce"))
                && d.get("nc").equals("00000001")
                && !d.get("cnonce").isEmpty()
                && uri.regionMatches(true, 0, service + "/", 0, service.length() + 1)
                && uri.length() > service.length() + 1
                // No proxy authorization: an authzid must name the user itself.
                && (authzid == null || authzid.equals(d.get("username")));
        byte[] secret = secret(credentials, username, realm, utf8);
        // An unknown user or a bad directive costs the same computation and comparison as a good one.
        byte[] expected = response(secret == null ? NO_SECRET : secret, nonce, d.get("cnonce"), d.get("nc"),
                authzid, "AUTHENTICATE:" + uri).getBytes(StandardCharsets.US_ASCII);
        boolean equal = MessageDigest.isEqual(expected,
                d.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!valid || secret == null || !equal) {
            return SaslStep.FAILURE;
        }
        user = username;
        rspauth = ("rspauth=" + response(secret, nonce, d.get("cnonce"), d.get("nc"), authzid, ":" + uri))
                .getBytes(StandardCharsets.US_ASCII);
        return new SaslStep.Challenge(rspauth.clone());
    }

    /**
     * H(username:realm:password): an htdigest store's line for the realm, or from a clear-text password; null when
     * the store has neither for the user.
     */
    static byte[] secret(Credentials credentials, String username, String realm, boolean utf8) {
        PasswordStore store = credentials.store();
        if (!store.cleartext()) {
            return store.digestSecret(username, realm);
        }
        byte[] password = store.cleartextPassword(username);
        if (password == null) {
            return null;
        }
        return ha1(username, realm, new String(password, StandardCharsets.UTF_8), utf8);
    }

    /**
     * H({ username, ":", realm, ":", passwd }) as RFC 2831 section 2.1.2.1 hashes it: with charset=utf-8 each string
     * that ISO 8859-1 can hold is hashed in ISO 8859-1, the others in UTF-8; without it, all are ISO 8859-1.
     */
    static byte[] ha1(String username, String realm, String password, boolean utf8) {
        byte[] colon = {':'};
        return PasswordStore.md5(encode(username, utf8), colon, encode(realm, utf8), colon, encode(password, utf8));
    }

    private static byte[] encode(String text, boolean utf8) {
        Charset charset = !utf8 || text.chars().allMatch(c -> c <= 0xFF)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        return text.getBytes(charset);
    }

    /**
     * The response-value of RFC 2831 section 2.1.2.1 for qop=auth, with {@code a2} = "AUTHENTICATE:" + digest-uri
     * (the client's response) or ":" + digest-uri (rspauth): HEX(KD(HEX(H(A1)), nonce:nc:cnonce:auth:HEX(H(A2)))).
     *
     * @param secret H(username:realm:password), the 16 bytes an htdigest line holds in hex
     */
    static String response(byte[] secret, String nonce, String cnonce, String nc, String authzid, String a2) {
        String a1Tail = ":" + nonce + ":" + cnonce + (authzid == null ? "" : ":" + authzid);
        // The directives are the bytes the client sent, which ISO 8859-1 strings hold one char a byte.
        return kd(PasswordStore.md5(secret, a1Tail.getBytes(StandardCharsets.ISO_8859_1)), nonce, nc, cnonce, a2);
    }

    /** HEX(KD(HEX(H(A1)), nonce:nc:cnonce:auth:HEX(H(A2)))), the qop=auth response of RFC 2831 and RFC 7616. */
    static String kd(byte[] ha1, String nonce, String nc, String cnonce, String a2) {
        HexFormat hex = HexFormat.of();
        String ha2 = hex.formatHex(PasswordStore.md5(a2.getBytes(StandardCharsets.ISO_8859_1)));
        return hex.formatHex(PasswordStore.md5((hex.formatHex(ha1) + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:"
                + ha2).getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * The directives of a digest-response: {@code name=value} or {@code name="quoted"} (backslash escapes, commas
     * inside quotes), separated by commas with optional white space, empty elements allowed; names lower-cased.
     * Null when it does not have that form or repeats a directive that may appear once.
     */
    static Map<String, String> parse(String text) {
        Map<String, String> directives = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (text.charAt(i) == ',' || isSpace(text.charAt(i)))) {
                i++;
            }
            if (i == n) {
                return directives;
            }
            int start = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',' && !isSpace(text.charAt(i))
                    && text.charAt(i) != '"') {
                i++;
            }
            String name = text.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i == n || text.charAt(i) != '=') {
                return null;
            }
            i++;
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i == n) {
                        return null;
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i == n) {
                            return null;
                        }
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < n && text.charAt(i) != ',' && !isSpace(text.charAt(i))) {
                    if (text.charAt(i) == '"') {
                        return null;
                    }
                    value.append(text.charAt(i++));
                }
            }
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i < n && text.charAt(i) != ',') {
                return null;
            }
            if (directives.put(name, value.toString()) != null && ONCE.contains(name)) {
                return null;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** A username or realm as the client meant it: UTF-8 under charset=utf-8, else ISO 8859-1 (as read). */
    private static String text(String raw, boolean utf8) {
        return utf8 ? new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : raw;
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
