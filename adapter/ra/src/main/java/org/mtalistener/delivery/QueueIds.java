package org.mtalistener.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue ids for accepted messages: unique within this adapter instance and, because they start with the instance's
 * start time, practically unique across restarts. Example: {@code 19A9E3B1C42-00000001}.
 */
public final class QueueIds {

    private final String prefix = Long.toHexString(System.currentTimeMillis()).toUpperCase() + "-";
    private final AtomicLong counter = new AtomicLong();

    public String next() {
        return prefix + String.format("%08X", counter.incrementAndGet());
    }
}
