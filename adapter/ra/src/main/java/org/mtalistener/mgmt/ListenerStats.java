package org.mtalistener.mgmt;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.mtalistener.delivery.DeliveryOutcome;

/** The counters of one listener socket: sessions, and what became of its messages. Thread-safe, lock-free. */
public final class ListenerStats {

    /** The counters at one moment. */
    /**
     * @param rejected what the MDB refused; {@code tempFailed} what it failed; {@code refused} what the listener
     *                 itself turned away: connections over a session limit, and its own 4xx and 5xx replies (a
     *                 message too large, too many recipients, a bad command, a slow client)
     */
    public record Snapshot(int currentSessions, long sessions, long accepted, long rejected, long tempFailed,
                           long refused, long bytesAccepted, Instant since) {
    }

    private final Clock clock;
    private final AtomicInteger current = new AtomicInteger();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder tempFailed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final DeliveryTimes deliveryTimes = new DeliveryTimes();
    private volatile Instant since;

    public ListenerStats(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    public void sessionOpened() {
        current.incrementAndGet();
        sessions.increment();
    }

    public void sessionClosed() {
        current.decrementAndGet();
    }

    /** One delivery's outcome; {@code size} the message's bytes. */
    public void delivered(DeliveryOutcome outcome, long size) {
        if (outcome instanceof DeliveryOutcome.Accepted) {
            accepted.increment();
            bytes.add(size);
        } else if (outcome instanceof DeliveryOutcome.Rejected) {
            rejected.increment();
        } else {
            tempFailed.increment();
        }
    }

    /** The listener turned a connection away, or answered a command 4xx or 5xx on its own. */
    public void refused() {
        refused.increment();
    }

    /** Zeroes the totals (the sessions open now stay counted as current). */
    public void reset() {
        sessions.reset();
        accepted.reset();
        rejected.reset();
        tempFailed.reset();
        refused.reset();
        bytes.reset();
        deliveryTimes.reset();
        since = clock.instant();
    }

    /** How long the accepted deliveries took. */
    public DeliveryTimes deliveryTimes() {
        return deliveryTimes;
    }

    public Snapshot snapshot() {
        return new Snapshot(current.get(), sessions.sum(), accepted.sum(), rejected.sum(), tempFailed.sum(),
                refused.sum(), bytes.sum(), since);
    }
}
