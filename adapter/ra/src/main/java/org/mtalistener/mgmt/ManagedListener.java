package org.mtalistener.mgmt;

import java.time.Instant;
import java.util.List;

/**
 * One listener socket as an operator runs it, through the console or JMX: switch it, read its counters and
 * sessions, change its options for new sessions.
 */
public interface ManagedListener {

    /** A session open now. */
    record LiveSession(String client, Instant since) {
    }

    /** {@code ESMTP_Listener}, {@code ECStream_Listener}, {@code QMQP_Listener} or {@code Control_Listener}. */
    String listenerType();

    /** The Listen address as the conf file writes it. */
    String address();

    /** Whether the socket should accept: Enable, as deployed or as set live. */
    boolean enabled();

    /** Whether the socket is bound and accepting now. */
    boolean listening();

    /** Stops accepting (sessions open go on) or accepts again. Returns at once; the bind follows. */
    void setEnabled(boolean enabled);

    ListenerStats stats();

    List<LiveSession> sessions();

    /** The option's value in this socket's activation, or null when it has none. */
    String get(String option);

    /** The value the option has for a client no Peer names: this socket's, else the default. */
    String eval(String option);

    /**
     * Changes an option for the sessions that start from now on (Enable: at once).
     *
     * @return the value as the conf file would write it
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    String set(String option, String value);

    /** Goes back to the deployed value; returns the effective value. */
    String unset(String option);

    /** The options set on this socket, as {@code Name = value} lines. */
    List<String> show();

    /**
     * Drops every live change and reads the conf file the activation was mapped from again: every option that can
     * change while the listener runs applies to new sessions (Enable at once). Without a conf file (a descriptor
     * written by hand), the deployed configuration again. A file that will not do changes nothing.
     *
     * @return what happened, one line or more, each ending in a newline: which source, what changed, what was
     *         refused and what the running listener cannot take
     */
    String reload();
}
