package org.mtalistener.ra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.values.Cidr;

/**
 * Listener_Sessions and Service_Sessions: how many sessions may be open at once. A Listener_Sessions written in a
 * Peer counts the sessions of that block only; otherwise the listener's sessions share one budget. Service_Sessions
 * counts the ESMTP sessions of every listener of the adapter.
 */
final class SessionLimits {

    private final AtomicInteger listener = new AtomicInteger();
    private final Map<Cidr, AtomicInteger> perBlock = new ConcurrentHashMap<>();
    private final AtomicInteger service;

    SessionLimits(AtomicInteger service) {
        this.service = service;
    }

    /** Takes a place for a new session: the action that gives it back, or null when a limit is reached. */
    Runnable admit(EffectiveOptions options) {
        PeerScope block = options.peerOf("Listener_Sessions");
        AtomicInteger sessions = block == null ? listener
                : perBlock.computeIfAbsent(block.block(), b -> new AtomicInteger());
        if (!take(sessions, options.number("Listener_Sessions"))) {
            return null;
        }
        if (!take(service, options.number("Service_Sessions"))) {
            sessions.decrementAndGet();
            return null;
        }
        return () -> {
            sessions.decrementAndGet();
            service.decrementAndGet();
        };
    }

    private static boolean take(AtomicInteger sessions, long limit) {
        if (sessions.incrementAndGet() > limit && limit > 0) {
            sessions.decrementAndGet();
            return false;
        }
        return true;
    }
}
