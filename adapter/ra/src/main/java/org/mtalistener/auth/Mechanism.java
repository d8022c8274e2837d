package org.mtalistener.auth;

import java.security.SecureRandom;
import java.util.Locale;

/** The SASL mechanisms of SMTP AUTH the adapter speaks, in the order EHLO lists them. */
public enum Mechanism {
    /** RFC 4616; the password crosses the wire, so TLS first. */
    PLAIN("PLAIN", true),
    /** The draft-murchison-sasl-login mechanism; the password crosses the wire, so TLS first. */
    LOGIN("LOGIN", true),
    /** RFC 2195; needs a clear-text store (file://). */
    CRAM_MD5("CRAM-MD5", false),
    /** RFC 2831; an htdigest store (digest://), or a clear-text one (file://) with stored_cleartext. */
    DIGEST_MD5("DIGEST-MD5", false);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String saslName;
    private final boolean passwordOnTheWire;

    Mechanism(String saslName, boolean passwordOnTheWire) {
        this.saslName = saslName;
        this.passwordOnTheWire = passwordOnTheWire;
    }

    /** 128 random bits in base64: no quote or backslash to escape in the challenge. */
    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The name in EHLO and AUTH, e.g. {@code CRAM-MD5}. */
    public String saslName() {
        return saslName;
    }

    /** Whether the client sends the password itself, so the mechanism waits for TLS unless allowed. */
    public boolean passwordOnTheWire() {
        return passwordOnTheWire;
    }

    /** The mechanism the AUTH command names (case-insensitively), or null. */
    public static Mechanism find(String name) {
        for (Mechanism mechanism : values()) {
            if (mechanism.saslName.equals(name.toUpperCase(Locale.ROOT))) {
                return mechanism;
            }
        }
        return null;
    }

    /**
     * A new attempt; {@code hostname} goes into the CRAM-MD5 challenge and is the DIGEST-MD5 realm unless the
     * parameters name one.
     */
    public SaslExchange exchange(Credentials credentials, String hostname) {
        return exchange(credentials, hostname, "smtp");
    }

    /** As {@link #exchange(Credentials, String)} for a service other than SMTP: DIGEST-MD5's digest-uri names it. */
    public SaslExchange exchange(Credentials credentials, String hostname, String service) {
        return switch (this) {
            case PLAIN -> new Plain(credentials);
            case LOGIN -> new Login(credentials);
            // RFC 2195: a unique challenge in msg-id form. SecureRandom reads /dev/urandom: it does not block.
            case CRAM_MD5 -> new CramMd5(credentials, "<" + Long.toUnsignedString(RANDOM.nextLong()) + "."
                    + System.currentTimeMillis() + "@" + hostname + ">");
            case DIGEST_MD5 -> new DigestMd5(credentials, credentials.realm() != null ? credentials.realm() : hostname,
                    nonce(), service);
        };
    }
}
