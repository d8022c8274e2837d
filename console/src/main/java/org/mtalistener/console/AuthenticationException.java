package org.mtalistener.console;

import java.io.IOException;
import java.util.List;

/**
 * The session is not authenticated: the server wants it and no credentials were given, or it refused them. The
 * connection is still open (until the server's third failure).
 */
public final class AuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> mechanisms;

    public AuthenticationException(String message, List<String> mechanisms) {
        super(message);
        this.mechanisms = List.copyOf(mechanisms);
    }

    /** The mechanisms the server offers this client, from its last AUTH_REQUIRED reply. */
    public List<String> mechanisms() {
        return mechanisms;
    }
}
