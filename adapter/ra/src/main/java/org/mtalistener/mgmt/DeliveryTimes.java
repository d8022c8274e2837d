package org.mtalistener.mgmt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long accepted deliveries took, from the end of the message to the MDB's commit, in fixed buckets counted as
 * Prometheus histograms are (each bucket counts the deliveries at or under its bound). Lock-free.
 */
public final class DeliveryTimes {

    /** The buckets' upper bounds in seconds; deliveries above the last are only in the count. */
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** {@code within[i]}: deliveries in (BOUNDS[i-1], BOUNDS[i]]; summed up to a bound when read. */
    private final LongAdder[] within = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    public DeliveryTimes() {
        for (int i = 0; i < within.length; i++) {
            within[i] = new LongAdder();
        }
    }

    public void record(long elapsedNanos) {
        double seconds = elapsedNanos / NANOS_PER_SECOND;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                within[i].increment();
                break;
            }
        }
        count.increment();
        nanos.add(elapsedNanos);
    }

    /** The buckets' upper bounds, in seconds. */
    public double[] bounds() {
        return BOUNDS.clone();
    }

    /** For each bound, the deliveries that took at most that long. */
    public long[] buckets() {
        long[] cumulative = new long[BOUNDS.length];
        long sum = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            sum += within[i].sum();
            cumulative[i] = sum;
        }
        return cumulative;
    }

    public long count() {
        return count.sum();
    }

    public double seconds() {
        return nanos.sum() / NANOS_PER_SECOND;
    }

    void reset() {
        for (LongAdder bucket : within) {
            bucket.reset();
        }
        count.reset();
        nanos.reset();
    }
}
