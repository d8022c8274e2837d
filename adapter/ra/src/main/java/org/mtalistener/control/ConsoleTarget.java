package org.mtalistener.control;

import java.time.Instant;
import java.util.List;
import org.mtalistener.mgmt.ManagedListener;

/** What the console's commands act on: every listener socket of the adapter. */
public interface ConsoleTarget {

    /** The listener sockets, in the order they were activated. */
    List<ManagedListener> listeners();

    /** When the adapter started. */
    Instant started();

    /** Stops accepting on every listener; sessions and deliveries in progress finish. */
    void shutdown();
}
