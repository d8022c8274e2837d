package org.mtalistener.auth;

import java.util.EnumMap;
import java.util.Map;

/**
 * SMTP AUTH as one client gets it.
 *
 * @param mechanisms       the mechanisms whose {@code Auth*Parameters} apply to the client, with their stores
 * @param plaintextAllowed PLAIN and LOGIN are offered and taken before TLS: {@code Allow_Plaintext_Auth} is true, or
 *                         it is unset and the client is on loopback (or a Unix socket)
 * @param required         {@code Enable_Authentication}: MAIL before a successful AUTH gets {@code 530 5.7.0}
 * @param alwaysAllow      {@code Always_Allow}: the client counts as authenticated as {@code anonymous} from the start
 * @param alwaysDeny       {@code Always_Deny}: every AUTH fails (and Always_Allow does nothing)
 */
public record AuthSettings(Map<Mechanism, Credentials> mechanisms, boolean plaintextAllowed, boolean required,
                           boolean alwaysAllow, boolean alwaysDeny) {

    /** No AUTH. */
    public static final AuthSettings NONE = new AuthSettings(Map.of(), false, false, false, false);

    /** The user an {@code Always_Allow} session counts as. */
    public static final String ANONYMOUS = "anonymous";

    public AuthSettings {
        mechanisms = mechanisms.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(mechanisms));
    }

    /** The user a session is authenticated as before any AUTH: anonymous under Always_Allow, else null. */
    public String initialUser() {
        return alwaysAllow && !alwaysDeny ? ANONYMOUS : null;
    }
}
