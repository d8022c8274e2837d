package org.mtalistener.smtp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.mtalistener.auth.AuthSettings;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.SaslExchange;
import org.mtalistener.auth.SaslStep;
import org.mtalistener.mail.Reply;

/**
 * SMTP AUTH (RFC 4954): which mechanisms a session offers, the AUTH command and the responses to its challenges,
 * and who the client is once it succeeded. CPU only (the stores were read when the activation validated), so it
 * runs on the event loop. The session owns the state around it (EHLO, TLS, the transaction, closing).
 */
final class AuthCommand {

    /** Failed attempts a session may make; the last of them ends it with 421. */
    static final int MAX_FAILURES = 3;

    private final AuthSettings settings;
    private final String hostname;
    private String user;
    private SaslExchange exchange;
    private int failures;

    AuthCommand(AuthSettings settings, String hostname) {
        this.settings = settings;
        this.hostname = hostname;
        this.user = settings.initialUser();
    }

    /** The authenticated user; null until AUTH succeeded (or anonymous under Always_Allow). */
    String user() {
        return user;
    }

    /** Whether the next line is a response to a 334 challenge rather than a command. */
    boolean inProgress() {
        return exchange != null;
    }

    /** Whether the session has used up its failed attempts and must end. */
    boolean exhausted() {
        return failures >= MAX_FAILURES;
    }

    /** STARTTLS: the client starts afresh (RFC 3207 section 4.2), authentication included. */
    void reset() {
        user = settings.initialUser();
        exchange = null;
    }

    /** XCLIENT LOGIN: the proxy vouches that the client authenticated as {@code user} (null: that it did not). */
    void assume(String user) {
        this.user = user;
        exchange = null;
    }

    /** The mechanisms EHLO lists: none once authenticated as anonymous; PLAIN and LOGIN only over TLS unless allowed. */
    List<String> offered(boolean tls) {
        return offered(settings, tls);
    }

    /** {@link #offered(boolean)} of a session under {@code settings} (one that has not begun AUTH yet). */
    static List<String> offered(AuthSettings settings, boolean tls) {
        List<String> names = new ArrayList<>();
        if (settings.initialUser() != null) {
            return names;
        }
        for (Mechanism mechanism : Mechanism.values()) {
            if (settings.mechanisms().containsKey(mechanism) && usable(settings, mechanism, tls)) {
                names.add(mechanism.saslName());
            }
        }
        return names;
    }

    private static boolean usable(AuthSettings settings, Mechanism mechanism, boolean tls) {
        return !mechanism.passwordOnTheWire() || tls || settings.plaintextAllowed();
    }

    /** The reply to {@code AUTH mechanism [initial-response]}. */
    Reply auth(String argument, boolean tls, boolean inTransaction) {
        if (settings.mechanisms().isEmpty()) {
            return Replies.AUTH_NOT_AVAILABLE;
        }
        if (user != null) {
            return Replies.ALREADY_AUTHENTICATED;
        }
        if (inTransaction) {
            return Replies.AUTH_IN_TRANSACTION;
        }
        if (argument.isEmpty()) {
            return Replies.AUTH_MECHANISM_MISSING;
        }
        int space = argument.indexOf(' ');
        Mechanism mechanism = Mechanism.find(space < 0 ? argument : argument.substring(0, space));
        Credentials credentials = mechanism == null ? null : settings.mechanisms().get(mechanism);
        if (credentials == null) {
            return Replies.UNKNOWN_MECHANISM;
        }
        if (!usable(settings, mechanism, tls)) {
            return Replies.ENCRYPTION_REQUIRED;
        }
        byte[] initial = null;
        if (space >= 0) {
            String encoded = argument.substring(space + 1).strip();
            // RFC 4954: "=" is an initial response of zero length.
            initial = encoded.equals("=") ? new byte[0] : decode(encoded);
            if (initial == null) {
                return Replies.AUTH_MALFORMED;
            }
        }
        exchange = mechanism.exchange(credentials, hostname);
        return step(exchange.start(initial));
    }

    /** The reply to the client's response line to a challenge. */
    Reply respond(String line) {
        if (line.equals("*")) {
            exchange = null;
            return Replies.AUTH_CANCELLED;
        }
        byte[] response = decode(line.strip());
        if (response == null) {
            exchange = null;
            return Replies.AUTH_MALFORMED;
        }
        return step(exchange.next(response));
    }

    private Reply step(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            return Replies.authChallenge(Base64.getEncoder().encodeToString(challenge.data()));
        }
        exchange = null;
        if (step instanceof SaslStep.Success success && !settings.alwaysDeny()) {
            user = success.user();
            return Replies.AUTH_SUCCEEDED;
        }
        if (step instanceof SaslStep.Malformed) {
            return Replies.AUTH_MALFORMED;
        }
        failures++;
        return exhausted() ? Replies.tooManyAuthFailures(hostname) : Replies.AUTH_INVALID;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
