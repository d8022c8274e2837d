package org.mtalistener.conf.parse;

import java.util.Objects;

/**
 * One problem found in a conf file, for a person to read: {@code file:line:column: message}, where the message says
 * what was expected and what was found, e.g. {@code ecelerity.conf:12:5: expected a value after "=", got "}"}.
 */
public record ConfError(Position position, String message) {

    public ConfError {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
