package org.mtalistener.net;

/**
 * Fired down every open session's pipeline when its listener stops: the session finishes a delivery in flight,
 * answers everything else with 421 and closes.
 */
public final class ListenerClosing {

    public static final ListenerClosing EVENT = new ListenerClosing();

    private ListenerClosing() {
    }
}
