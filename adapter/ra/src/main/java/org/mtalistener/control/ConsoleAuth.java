package org.mtalistener.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mtalistener.auth.AuthSettings;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;

/**
 * Who must authenticate on one console connection, and how (docs/console.md). A TCP client always authenticates
 * unless Always_Allow applies to it (SPEC §7); a Unix socket client is its operating-system user unless
 * Enable_Authentication applies to it.
 *
 * @param mechanisms  the mechanisms whose {@code Auth*Parameters} apply to the client, with their stores
 * @param required    {@code Enable_Authentication}: a Unix socket client must authenticate too
 * @param alwaysAllow {@code Always_Allow}: the client is {@code anonymous} from the start
 * @param alwaysDeny  {@code Always_Deny}: every attempt fails, and Always_Allow does nothing
 */
public record ConsoleAuth(Map<Mechanism, Credentials> mechanisms, boolean required, boolean alwaysAllow,
                          boolean alwaysDeny) {

    public ConsoleAuth {
        mechanisms = mechanisms.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(mechanisms));
    }

    /**
     * The user a new session is before any authentication, or null when it must authenticate.
     *
     * @param osUser the operating-system user of a Unix socket peer; null on TCP
     */
    String initialUser(Supplier<String> osUser, boolean unixSocket) {
        if (alwaysDeny) {
            return null;
        }
        if (alwaysAllow) {
            return AuthSettings.ANONYMOUS;
        }
        return unixSocket && !required ? osUser.get() : null;
    }

    /** The offered mechanisms as AUTH_REQUIRED lists them, in the adapter's order. */
    String offered() {
        return mechanisms.keySet().stream().sorted().map(Mechanism::saslName).collect(Collectors.joining(" "));
    }
}
