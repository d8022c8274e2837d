package org.mtalistener.auth;

import java.nio.charset.StandardCharsets;

/** LOGIN: {@code Username:}, then {@code Password:}; an initial response is the user name. */
final class Login implements SaslExchange {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final Credentials credentials;
    private String user;

    Login(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        return initialResponse == null ? new SaslStep.Challenge(USERNAME) : next(initialResponse);
    }

    @Override
    public SaslStep next(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        if (user == null) {
            if (text.isEmpty()) {
                return SaslStep.MALFORMED;
            }
            user = text;
            return new SaslStep.Challenge(PASSWORD);
        }
        return credentials.store().verify(user, text, credentials.realm())
                ? new SaslStep.Success(user) : SaslStep.FAILURE;
    }
}
