package org.mtalistener.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Digest nonces one HTTP_Listener handed out, shared by its connections (a client may answer a challenge on a
 * new connection): each lives {@code lifetime}, then earns a {@code stale=true} re-challenge, and each nonce count
 * is taken once, so a captured request cannot be sent again. At most {@link #KEPT} nonces are remembered; the oldest
 * goes first, and its client is re-challenged as stale.
 */
public final class DigestNonces {

    /** What a nonce count in a request amounts to. */
    enum Use {
        /** a nonce of ours, alive, with a count above any used before */
        FRESH,
        /** unknown or expired: challenge again with stale=true */
        STALE,
        /** a count already used with this nonce */
        REPLAYED
    }

    static final int KEPT = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final long lifetimeMillis;
    /** nonce → {issued at (epoch millis), highest count used}; in order of issue */
    private final Map<String, long[]> issued = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > KEPT;
        }
    };

    public DigestNonces(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetimeMillis = lifetime.toMillis();
    }

    /** A new nonce: 128 random bits in URL-safe base64, nothing to quote. */
    synchronized String issue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(nonce, new long[] {clock.millis(), 0});
        return nonce;
    }

    /** Takes {@code count} for {@code nonce}; an expired nonce is forgotten. */
    synchronized Use use(String nonce, long count) {
        long[] entry = issued.get(nonce);
        if (entry == null) {
            return Use.STALE;
        }
        if (clock.millis() - entry[0] >= lifetimeMillis) {
            issued.remove(nonce);
            return Use.STALE;
        }
        if (count <= entry[1]) {
            return Use.REPLAYED;
        }
        entry[1] = count;
        return Use.FRESH;
    }
}
