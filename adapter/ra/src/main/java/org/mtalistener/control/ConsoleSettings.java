package org.mtalistener.control;

import java.time.Duration;

/**
 * The console as one client gets it.
 *
 * @param listener      e.g. {@code Control_Listener /tmp/2025}
 * @param timeout       {@code Timeout}: an idle session is closed after it; zero = never
 * @param auth          who must authenticate, and how
 * @param permissions   the roles when {@code Enable_Authorization} applies, else null (every command allowed)
 * @param hostname      the name in DIGEST-MD5's realm when the parameters give none
 */
public record ConsoleSettings(String listener, Duration timeout, ConsoleAuth auth, Permissions permissions,
                              String hostname) {
}
