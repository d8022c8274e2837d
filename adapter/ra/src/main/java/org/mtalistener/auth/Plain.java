package org.mtalistener.auth;

import java.nio.charset.StandardCharsets;

/** PLAIN (RFC 4616): one message, {@code [authzid] NUL authcid NUL passwd}. */
final class Plain implements SaslExchange {

    private final Credentials credentials;

    Plain(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        return initialResponse == null ? new SaslStep.Challenge(new byte[0]) : next(initialResponse);
    }

    @Override
    public SaslStep next(byte[] response) {
        String message = new String(response, StandardCharsets.UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return SaslStep.MALFORMED;
        }
        String authzid = message.substring(0, first);
        String user = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (user.isEmpty() || password.isEmpty()) {
            return SaslStep.MALFORMED;
        }
        // Acting for someone else is not something a password store can grant.
        boolean valid = credentials.store().verify(user, password, credentials.realm());
        return valid && (authzid.isEmpty() || authzid.equals(user)) ? new SaslStep.Success(user) : SaslStep.FAILURE;
    }
}
