package org.mtalistener.conf.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A conf file that cannot be used, with every problem found before reading stopped, in the order found. The message
 * is the problems, one {@code file:line:column: message} per line: show it to the user as it is, never the stack
 * trace.
 *
 * <p>The parser goes on after a problem that leaves the structure intact (a bad {@code Listen} address, a bad CIDR,
 * a missing include, an unknown 2.x ACL property) and stops at the first one that does not (an unterminated string,
 * a missing {@code "}"}), or after 20 problems.
 */
public final class ConfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfError> errors;

    /** @param errors at least one */
    public ConfException(List<ConfError> errors) {
        super(errors.stream().map(ConfError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ConfException(Position position, String message) {
        this(List.of(new ConfError(position, message)));
    }

    /** The problems, in the order found; never empty. */
    public List<ConfError> errors() {
        return errors;
    }
}
