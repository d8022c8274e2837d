package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.LISTENER_SESSIONS;
import static org.mtalistener.conf.options.ListenerOptions.MAX_SESSIONS_PER_CLIENT;
import static org.mtalistener.conf.options.ListenerOptions.SERVICE_SESSIONS;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.values.Cidr;

/**
 * Listener_Sessions, Service_Sessions and Max_Sessions_Per_Client: how many sessions may be open at once. A
 * Listener_Sessions written in a Peer counts the sessions of that block only; otherwise the listener's sessions share
 * one budget. Service_Sessions counts the ESMTP sessions of every listener of the adapter. Max_Sessions_Per_Client
 * counts each client IP address's (a Unix socket client has none, and no such limit).
 */
final class SessionLimits {

    private final AtomicInteger listener = new AtomicInteger();
    private final Map<Cidr, AtomicInteger> perBlock = new ConcurrentHashMap<>();
    private final AtomicInteger service;
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    /**
     * A new session's place, which {@link #release} gives back; or a refusal, whose {@code perClient} says which limit
     * refused it. A record of what to count down rather than a closure: every open session holds one.
     */
    record Place(SessionLimits limits, AtomicInteger sessions, InetAddress client, boolean perClient) {
        static final Place LISTENER_FULL = new Place(null, null, null, false);
        static final Place CLIENT_FULL = new Place(null, null, null, true);

        boolean granted() {
            return sessions != null;
        }

        void release() {
            sessions.decrementAndGet();
            limits.service.decrementAndGet();
            limits.releaseClient(client);
        }
    }

    SessionLimits(AtomicInteger service) {
        this.service = service;
    }

    /** Takes a place for a new session of {@code client}: the client's own limit first, then the listener's. */
    Place admit(EffectiveOptions options, SocketAddress client) {
        InetAddress address = client instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address != null && !takeForClient(address, options.get(MAX_SESSIONS_PER_CLIENT))) {
            return Place.CLIENT_FULL;
        }
        PeerScope block = options.peerOf(LISTENER_SESSIONS);
        AtomicInteger sessions = block == null ? listener
                : perBlock.computeIfAbsent(block.block(), b -> new AtomicInteger());
        if (!take(sessions, options.get(LISTENER_SESSIONS))) {
            releaseClient(address);
            return Place.LISTENER_FULL;
        }
        if (!take(service, options.get(SERVICE_SESSIONS))) {
            sessions.decrementAndGet();
            releaseClient(address);
            return Place.LISTENER_FULL;
        }
        return new Place(this, sessions, address, false);
    }

    private void releaseClient(InetAddress address) {
        if (address != null) {
            perClient.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** One more session of {@code address} unless it has {@code limit} (0: no limit); an idle address is forgotten. */
    private boolean takeForClient(InetAddress address, long limit) {
        boolean[] taken = {false};
        perClient.compute(address, (a, n) -> {
            int open = n == null ? 0 : n;
            if (limit > 0 && open >= limit) {
                return n;
            }
            taken[0] = true;
            return open + 1;
        });
        return taken[0];
    }

    private static boolean take(AtomicInteger sessions, long limit) {
        if (sessions.incrementAndGet() > limit && limit > 0) {
            sessions.decrementAndGet();
            return false;
        }
        return true;
    }
}
