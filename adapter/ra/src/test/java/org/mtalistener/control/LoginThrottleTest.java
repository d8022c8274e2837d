package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void advance(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void anAddressWithoutFailuresNeverWaits() {
        for (int i = 0; i < 100; i++) {
            assertEquals(LoginThrottle.Admission.NOW, throttle.admit("192.0.2.1"));
        }
    }

    @Test
    void theDelayDoublesWithEachFailureUpToTheLongest() {
        long[] expected = {1, 2, 4, 8, 16, 32, 32, 32};
        for (long seconds : expected) {
            throttle.failed("192.0.2.1");
            LoginThrottle.Admission turn = throttle.admit("192.0.2.1");
            assertFalse(turn.refused());
            assertEquals(Duration.ofSeconds(seconds), turn.delay());
            advance(turn.delay());
        }
        assertEquals(LoginThrottle.Admission.NOW, throttle.admit("198.51.100.1"), "other addresses are not slowed");
    }

    @Test
    void parallelAttemptsTakeTurnsAndTooManyAreRefused() {
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1"); // the next turn in 2 s, then one every 2 s
        long[] turns = new long[40];
        int refused = 0;
        for (int i = 0; i < turns.length; i++) {
            LoginThrottle.Admission turn = throttle.admit("192.0.2.1");
            if (turn.refused()) {
                refused++;
            } else {
                turns[i - refused] = turn.delay().toSeconds();
                assertTrue(turn.delay().compareTo(LoginThrottle.LONGEST_WAIT) <= 0);
            }
        }
        assertEquals(2, turns[0]);
        assertEquals(4, turns[1]);
        assertEquals(40 - 30, refused, "turns at 2, 4 … 60 s; the rest refused");
    }

    @Test
    void aSuccessOrAQuietSpellForgets() {
        throttle.failed("192.0.2.1");
        throttle.succeeded("192.0.2.1");
        assertEquals(LoginThrottle.Admission.NOW, throttle.admit("192.0.2.1"));
        throttle.failed("192.0.2.2");
        advance(LoginThrottle.MEMORY.plusSeconds(1));
        assertEquals(LoginThrottle.Admission.NOW, throttle.admit("192.0.2.2"));
    }

    @Test
    void rememberedAddressesAreBounded() {
        for (int i = 0; i <= LoginThrottle.ADDRESSES; i++) {
            throttle.failed("10.0." + (i >> 8) + "." + (i & 255));
        }
        assertEquals(LoginThrottle.Admission.NOW, throttle.admit("10.0.0.0"), "the oldest was forgotten");
        assertFalse(throttle.admit("10.0.39.16").delay().isZero());
    }
}
