package org.mtalistener.net;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For the session fuzz tests: collects what the adapter logs with an exception attached, at any level, which is how
 * a session reports a failure (and closes); on an embedded channel there is no I/O error to excuse one. Meanwhile
 * the adapter's log goes nowhere else. Close to stop collecting.
 */
public final class UnexpectedFailures extends Handler implements AutoCloseable {

    /** Kept here so that the handler stays on the logger the adapter's loggers inherit from. */
    private static final Logger ADAPTER = Logger.getLogger("org.mtalistener");

    private final List<String> failures = new ArrayList<>();
    private final Level level;

    public UnexpectedFailures() {
        level = ADAPTER.getLevel();
        // some sessions log what ends them at FINE; the rest (a console's failed logins) would only flood the output
        ADAPTER.setLevel(Level.FINE);
        ADAPTER.setUseParentHandlers(false);
        ADAPTER.addHandler(this);
    }

    /** Each failure as its message and exception. */
    public List<String> failures() {
        return failures;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getThrown() != null) {
            failures.add(record.getMessage() + ": " + record.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ADAPTER.removeHandler(this);
        ADAPTER.setUseParentHandlers(true);
        ADAPTER.setLevel(level);
    }
}
