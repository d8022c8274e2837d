package org.mtalistener.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** CRAM-MD5 (RFC 2195): the server's challenge, then {@code user SP hex(HMAC-MD5(password, challenge))}. */
final class CramMd5 implements SaslExchange {

    private static final byte[] NO_PASSWORD = "no such user".getBytes(StandardCharsets.US_ASCII);

    private final Credentials credentials;
    private final byte[] challenge;

    CramMd5(Credentials credentials, String challenge) {
        this.credentials = credentials;
        this.challenge = challenge.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        // The server speaks first: an initial response cannot be an answer to anything.
        return initialResponse == null ? new SaslStep.Challenge(challenge.clone()) : SaslStep.MALFORMED;
    }

    @Override
    public SaslStep next(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int space = text.lastIndexOf(' ');
        if (space <= 0) {
            return SaslStep.MALFORMED;
        }
        String user = text.substring(0, space);
        byte[] digest = text.substring(space + 1).toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] stored = credentials.store().cleartextPassword(user);
        byte[] password = stored == null || stored.length == 0 ? null : stored;
        // An unknown user costs the same HMAC and comparison as a known one.
        byte[] expected = HexFormat.of().formatHex(hmacMd5(password == null ? NO_PASSWORD : password, challenge))
                .getBytes(StandardCharsets.US_ASCII);
        boolean equal = MessageDigest.isEqual(expected, digest);
        return password != null && equal ? new SaslStep.Success(user) : SaslStep.FAILURE;
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacMD5", e);
        }
    }
}
