package org.mtalistener.control;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing at the console. After a failed login from a client address, that address's next login
 * attempts — in any session, so parallel connections gain nothing — are taken one at a time, each after a delay
 * that doubles with every failure (1 s, 2 s, 4 s … up to {@link #LONGEST_DELAY}). A success forgets the address;
 * so does a quiet {@link #MEMORY}. An attempt that would have to wait more than {@link #LONGEST_WAIT} is refused
 * outright, so a flood of attempts cannot hold sessions open in the queue.
 */
final class LoginThrottle {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(32);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    static final Duration MEMORY = Duration.ofMinutes(15);
    /** Addresses remembered at once; the one unheard of longest is forgotten first. */
    static final int ADDRESSES = 10_000;

    /** When an attempt may be checked: {@code wait} from now, or never ({@code refused}). */
    record Admission(Duration delay, boolean refused) {
        static final Admission NOW = new Admission(Duration.ZERO, false);
    }

    private static final class Failures {
        int count;
        long next; // nanoTime at which the next attempt of this address may be checked
        long last; // nanoTime of the last failure
    }

    private final LongSupplier nanoTime;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > ADDRESSES;
        }
    };

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Reserves the next turn of {@code address} for one login attempt. */
    synchronized Admission admit(String address) {
        Failures failures = remembered(address);
        if (failures == null) {
            return Admission.NOW;
        }
        long now = nanoTime.getAsLong();
        long turn = Math.max(now, failures.next);
        if (turn - now > LONGEST_WAIT.toNanos()) {
            return new Admission(Duration.ofNanos(turn - now), true);
        }
        failures.next = turn + delay(failures.count);
        return new Admission(Duration.ofNanos(turn - now), false);
    }

    synchronized void failed(String address) {
        long now = nanoTime.getAsLong();
        Failures failures = remembered(address);
        if (failures == null) {
            failures = new Failures();
            byAddress.put(address, failures);
        }
        failures.count++;
        failures.last = now;
        failures.next = Math.max(failures.next, now + delay(failures.count));
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    private Failures remembered(String address) {
        Failures failures = byAddress.get(address);
        if (failures != null && nanoTime.getAsLong() - failures.last > MEMORY.toNanos()) {
            byAddress.remove(address);
            return null;
        }
        return failures;
    }

    private static long delay(int failures) {
        int doublings = Math.min(failures - 1, 30);
        return Math.min(FIRST_DELAY.toNanos() << doublings, LONGEST_DELAY.toNanos());
    }
}
