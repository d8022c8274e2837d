package org.mtalistener.smtp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.mtalistener.auth.AuthSettings;

/**
 * What one ESMTP listener tells its sessions.
 *
 * @param listenerName            the listener as MDBs see it in {@code SessionInfo}, e.g.
 *                                {@code ESMTP_Listener 127.0.0.1:2525}
 * @param bannerHostname          the name in the greeting, the EHLO/HELO reply and the closing replies
 * @param receivedHostname        the name in the {@code by} clause of the {@code Received:} header
 * @param maxMessageSize          the largest content accepted, in bytes, not counting the {@code Received:} header;
 *                                0 = unlimited
 * @param maxRecipientsPerMessage the most recipients one transaction may have; 0 = unlimited
 * @param idleTime                how long a client may stay silent before the session closes with 421;
 *                                zero = never
 * @param policy                  the rules for commands and per-session limits
 * @param tls                     STARTTLS and implicit TLS for the connection
 * @param context                 the connection's context variables (Context), given to the MDB with the session
 * @param auth                    SMTP AUTH: the mechanisms offered and the rules around them
 */
public record SmtpSettings(String listenerName, String bannerHostname, String receivedHostname,
                           long maxMessageSize, int maxRecipientsPerMessage, Duration idleTime, SmtpPolicy policy,
                           TlsSettings tls, Map<String, String> context, AuthSettings auth) {

    /** Settings without AUTH. */
    public SmtpSettings(String listenerName, String bannerHostname, String receivedHostname, long maxMessageSize,
                        int maxRecipientsPerMessage, Duration idleTime, SmtpPolicy policy, TlsSettings tls,
                        Map<String, String> context) {
        this(listenerName, bannerHostname, receivedHostname, maxMessageSize, maxRecipientsPerMessage, idleTime,
                policy, tls, context, AuthSettings.NONE);
    }

    /** Settings without context variables. */
    public SmtpSettings(String listenerName, String bannerHostname, String receivedHostname, long maxMessageSize,
                        int maxRecipientsPerMessage, Duration idleTime, SmtpPolicy policy, TlsSettings tls) {
        this(listenerName, bannerHostname, receivedHostname, maxMessageSize, maxRecipientsPerMessage, idleTime,
                policy, tls, Map.of());
    }

    /** Settings with Momentum's default policy and without TLS. */
    public SmtpSettings(String listenerName, String bannerHostname, String receivedHostname, long maxMessageSize,
                        int maxRecipientsPerMessage, Duration idleTime) {
        this(listenerName, bannerHostname, receivedHostname, maxMessageSize, maxRecipientsPerMessage, idleTime,
                SmtpPolicy.DEFAULT, TlsSettings.NONE, Map.of());
    }

    /** These settings with {@code tls} instead. */
    public SmtpSettings withTls(TlsSettings tls) {
        return new SmtpSettings(listenerName, bannerHostname, receivedHostname, maxMessageSize,
                maxRecipientsPerMessage, idleTime, policy, tls, context, auth);
    }

    /** These settings with {@code auth} instead. */
    public SmtpSettings withAuth(AuthSettings auth) {
        return new SmtpSettings(listenerName, bannerHostname, receivedHostname, maxMessageSize,
                maxRecipientsPerMessage, idleTime, policy, tls, context, auth);
    }

    public SmtpSettings {
        Objects.requireNonNull(listenerName, "listenerName");
        requireHostname(bannerHostname, "bannerHostname");
        requireHostname(receivedHostname, "receivedHostname");
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be 0 (unlimited) or positive: " + maxMessageSize);
        }
        if (maxRecipientsPerMessage < 0) {
            throw new IllegalArgumentException(
                    "maxRecipientsPerMessage must be 0 (unlimited) or positive: " + maxRecipientsPerMessage);
        }
        Objects.requireNonNull(idleTime, "idleTime");
        if (idleTime.isNegative()) {
            throw new IllegalArgumentException("idleTime must be zero (none) or positive: " + idleTime);
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(tls, "tls");
        context = Map.copyOf(context);
        Objects.requireNonNull(auth, "auth");
    }

    /** The host names go into replies and a header, so a space or line break there would corrupt both. */
    private static void requireHostname(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be printable ASCII without spaces: \"" + name + "\"");
        }
    }
}
