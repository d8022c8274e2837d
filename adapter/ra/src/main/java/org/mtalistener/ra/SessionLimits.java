package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.LISTENER_SESSIONS;
import static org.mtalistener.conf.options.ListenerOptions.SERVICE_SESSIONS;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mtalistener.conf.model.Cidr;
import org.mtalistener.conf.model.PeerScope;

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
        PeerScope block = options.peerOf(LISTENER_SESSIONS);
        AtomicInteger sessions = block == null ? listener
                : perBlock.computeIfAbsent(block.block(), b -> new AtomicInteger());
        if (!take(sessions, options.get(LISTENER_SESSIONS))) {
            return null;
        }
        if (!take(service, options.get(SERVICE_SESSIONS))) {
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
