package org.mtalistener.delivery;

import java.util.function.Consumer;

/**
 * A session's watch on the disk behind its content: once a buffer reports congestion the session stops reading
 * rather than hold the excess in memory, and it reads again when that buffer's writer has caught up. Used on the
 * session's event loop only.
 */
public final class DiskBackPressure {

    private final Consumer<Runnable> onEventLoop;
    private final Runnable readingChanged;
    private final Runnable caughtUp;
    /** The buffer whose disk writer reading waits for; null when reading is not held up by one. */
    private ContentBuffer congested;

    /**
     * @param onEventLoop    runs a task on the session's event loop (the buffer says it caught up from a writer thread)
     * @param readingChanged re-decides whether the session reads, now that {@link #holding()} is true
     * @param caughtUp       resumes the session once the disk caught up (the wait was ours, not the client's)
     */
    public DiskBackPressure(Consumer<Runnable> onEventLoop, Runnable readingChanged, Runnable caughtUp) {
        this.onEventLoop = onEventLoop;
        this.readingChanged = readingChanged;
        this.caughtUp = caughtUp;
    }

    /** After content went into {@code buffer} (null when none did): holds reading if its disk is behind. */
    public void appended(ContentBuffer buffer) {
        if (buffer != null && congested == null && buffer.congested()) {
            congested = buffer;
            readingChanged.run();
            buffer.whenUncongested(() -> onEventLoop.accept(() -> uncongested(buffer)));
        }
    }

    /** Whether reading waits for the disk to catch up. */
    public boolean holding() {
        return congested != null;
    }

    private void uncongested(ContentBuffer buffer) {
        if (congested == buffer) {
            congested = null;
            caughtUp.run();
        }
    }
}
