package org.mtalistener.ecstream;

import java.time.Duration;
import java.util.Objects;

/**
 * What one ECStream listener tells its sessions.
 *
 * @param listenerName     the listener as MDBs see it in {@code SessionInfo}, e.g.
 *                         {@code ECStream_Listener 127.0.0.1:1825}
 * @param idleTime         ECStream_Idle_Time: how long a client with no unanswered message may stay silent; zero =
 *                         never
 * @param maxBatchSize     ECStream_Max_Batch_Size: the most messages a client may have unanswered; at least 1
 * @param maxMessageSize   Max_Message_Size: the largest content accepted, in bytes, not counting the
 *                         {@code Received:} header; 0 = unlimited
 * @param receivedHostname the name in the {@code by} clause of the {@code Received:} header
 */
public record EcstreamSettings(String listenerName, Duration idleTime, int maxBatchSize, long maxMessageSize,
                               String receivedHostname) {

    public EcstreamSettings {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(idleTime, "idleTime");
        if (idleTime.isNegative()) {
            throw new IllegalArgumentException("idleTime must be zero (none) or positive: " + idleTime);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1: " + maxBatchSize);
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be 0 (unlimited) or positive: " + maxMessageSize);
        }
        Objects.requireNonNull(receivedHostname, "receivedHostname");
        if (receivedHostname.isEmpty() || !receivedHostname.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "receivedHostname must be printable ASCII without spaces: \"" + receivedHostname + "\"");
        }
    }
}
