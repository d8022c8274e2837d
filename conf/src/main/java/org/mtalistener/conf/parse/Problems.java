package org.mtalistener.conf.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found so far in one parse, shared by the files of an include tree. A problem that leaves the structure
 * intact is {@link #add added} and reading goes on, so that one run shows several mistakes; one that does not is
 * {@link #fatal}.
 */
final class Problems {

    /** Past this many, later problems are mostly echoes of earlier ones; stop and show what there is. */
    static final int LIMIT = 20;

    private final List<ConfError> errors = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    /** Records a problem and goes on, unless it is the {@value #LIMIT}th. */
    void add(Position position, String message) throws ConfException {
        errors.add(new ConfError(position, message));
        if (errors.size() >= LIMIT) {
            errors.add(new ConfError(position, "stopped after " + LIMIT + " problems; fix these first"));
            throw new ConfException(errors);
        }
    }

    /** The exception to throw for a problem after which reading cannot go on, with those found before it. */
    ConfException fatal(Position position, String message) {
        errors.add(new ConfError(position, message));
        return new ConfException(errors);
    }

    /** What reading the text found worth saying without refusing it, e.g. a 2.x entry that reads differently now. */
    void notice(Position position, String message) {
        notices.add(position + ": " + message);
    }

    List<String> notices() {
        return List.copyOf(notices);
    }

    /** The problems found so far that left the structure intact. */
    List<ConfError> errors() {
        return List.copyOf(errors);
    }
}
