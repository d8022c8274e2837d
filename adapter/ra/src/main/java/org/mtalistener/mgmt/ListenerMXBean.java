package org.mtalistener.mgmt;

/** A listener socket in JMX: {@code org.mtalistener:type=Listener,listener=ESMTP_Listener,listen="127.0.0.1:2525"}. */
public interface ListenerMXBean {

    String getListenerType();

    String getAddress();

    boolean isEnabled();

    boolean isListening();

    int getCurrentSessions();

    long getTotalSessions();

    long getMessagesAccepted();

    long getMessagesRejected();

    long getMessagesTempFailed();

    /**
     * What the listener itself turned away: connections over a session limit, and its own 4xx and 5xx replies (the
     * MDB's refusals are {@link #getMessagesRejected()}).
     */
    long getRefusedByListener();

    long getBytesAccepted();

    /** The delivery-time buckets' upper bounds in seconds (end of the message to the MDB's commit). */
    double[] getDeliveryTimeBounds();

    /** For each bound, the accepted deliveries that took at most that long. */
    long[] getDeliveryTimeBuckets();

    /** Accepted deliveries timed. */
    long getDeliveryTimeCount();

    /** Their delivery times added up, in seconds. */
    double getDeliveryTimeSeconds();

    /** When the counters started (the activation, or the last reset), ISO-8601. */
    String getStatisticsSince();

    /** Accepts connections again. */
    void enable();

    /** Stops accepting connections; open sessions go on. */
    void disable();

    void resetStatistics();
}
