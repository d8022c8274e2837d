package org.mtalistener.mgmt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryTimesTest {

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void eachBucketCountsTheDeliveriesAtOrUnderItsBound() {
        DeliveryTimes times = new DeliveryTimes();
        times.record(millis(3));      // <= 0.005
        times.record(millis(10));     // == 0.01: a bound is inside its bucket
        times.record(millis(700));    // <= 1
        times.record(millis(60_000)); // above every bound: only in the count
        double[] bounds = times.bounds();
        assertEquals(0.005, bounds[0]);
        assertEquals(30, bounds[bounds.length - 1]);
        assertArrayEquals(new long[] {1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}, times.buckets());
        assertEquals(4, times.count());
        assertEquals(60.713, times.seconds(), 1e-9);
    }

    @Test
    void resettingTheStatisticsEmptiesTheBuckets() {
        ListenerStats stats = new ListenerStats(Clock.systemUTC());
        stats.deliveryTimes().record(millis(1));
        stats.reset();
        assertEquals(0, stats.deliveryTimes().count());
        assertEquals(0, stats.deliveryTimes().buckets()[0]);
        assertEquals(0.0, stats.deliveryTimes().seconds());
    }
}
