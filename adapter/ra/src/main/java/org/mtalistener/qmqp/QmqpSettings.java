package org.mtalistener.qmqp;

import java.time.Duration;
import java.util.Objects;

/**
 * What one QMQP listener tells a session; a Peer may change each of them for its clients.
 *
 * @param listenerName     the listener as MDBs see it in {@code SessionInfo}, e.g. {@code QMQP_Listener 127.0.0.1:6280}
 * @param idleTime         Idle_Time: how long the client may stay silent before the connection is closed without a
 *                         reply (qmqpd's read timeout); zero = never
 * @param maxMessageSize   Max_Message_Size: the largest content accepted, in bytes, not counting the
 *                         {@code Received:} header; 0 = unlimited
 * @param receivedHostname the name in the {@code by} clause of the {@code Received:} header
 * @param authorized       QMQP_Authorized as it applies to this client: whether it may inject at all
 */
public record QmqpSettings(String listenerName, Duration idleTime, long maxMessageSize, String receivedHostname,
                           boolean authorized) {

    public QmqpSettings {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(idleTime, "idleTime");
        if (idleTime.isNegative()) {
            throw new IllegalArgumentException("idleTime must be zero (none) or positive: " + idleTime);
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be 0 (unlimited) or positive: " + maxMessageSize);
        }
        Objects.requireNonNull(receivedHostname, "receivedHostname");
    }
}
