package org.mtalistener.delivery;

/**
 * What a {@link MessageReception} needs of the session it receives for: its event loop, its reading, its end and
 * its name. Called on the session's event loop, unless said otherwise.
 */
public interface ReceivingSession {

    /**
     * Runs {@code task} on the session's event loop, as a task: after what the loop is doing now, never within this
     * call (on the loop, after the reads it is handling); callable from any thread.
     */
    void onEventLoop(Runnable task);

    /** Re-decides whether the session reads, now that the disk holds it or lets it go. */
    void updateReading();

    /** A wait on our side (the disk, a delivery) is over: the idle timer starts afresh and the session moves on. */
    void waitOver();

    /** Whether the session is over: its client is not told anything more. */
    boolean closed();

    /** The session's name in the log: listener and client. */
    String name();
}
