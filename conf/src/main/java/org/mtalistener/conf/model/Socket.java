package org.mtalistener.conf.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mtalistener.conf.options.OptionDef;

/**
 * One Listen of one listener, and how an option resolves for a connection to it. For a client at {@code peer}, an
 * option takes its value from the first place that sets it:
 * <ol>
 *   <li>the Listen's Peer scopes that contain the client, most specific block first;</li>
 *   <li>the Listen scope;</li>
 *   <li>the listener's Peer scopes that contain the client, most specific block first;</li>
 *   <li>the listener scope;</li>
 *   <li>the global scope;</li>
 *   <li>the option's default.</li>
 * </ol>
 * Every matching Peer is consulted, not only the most specific: an option the most specific block leaves unset
 * comes from the next block that contains the client ("fallback works here too"); this is also what a 2.x
 * {@code continue} asks for.
 */
public record Socket(Configuration configuration, ListenerScope listener, ListenScope listen) {

    /** Where a resolved value came from, for {@code listenerconf show}. */
    public record Resolved<T>(OptionDef<T> option, Optional<T> value, String source) {
    }

    public boolean enabled() {
        return resolve(enableOption(), null).value().orElse(Boolean.TRUE);
    }

    /** The name used in logs and descriptors: {@code ESMTP_Listener 127.0.0.1:2525}. */
    public String name() {
        return listener.kind() + " " + listen.address();
    }

    /** The option's value for a client at {@code peer}; null for no particular client (no Peer applies). */
    public <T> Resolved<T> resolve(OptionDef<T> option, InetAddress peer) {
        for (Place place : places(peer)) {
            Optional<Setting> setting = place.options.get(option);
            if (setting.isPresent()) {
                @SuppressWarnings("unchecked")
                T value = (T) setting.get().value();
                return new Resolved<>(option, Optional.of(value), place.name + " (" + setting.get().position() + ")");
            }
        }
        return new Resolved<>(option, option.defaultValue(), "default");
    }

    /** The Listen's Peer scopes, as written. */
    public List<PeerScope> listenPeers() {
        return listen.peers();
    }

    /**
     * The listener's Peer scopes without the options the Listen sets itself: those win over a listener-level Peer
     * (Listen comes before Listener::Peer in the chain), so a descriptor can carry the two Peer lists and let the
     * adapter resolve Listen::Peer → Listener::Peer → the Listen's resolved value.
     */
    public List<PeerScope> listenerPeersBelowListen() {
        List<PeerScope> peers = new ArrayList<>();
        for (PeerScope peer : listener.peers()) {
            OptionSet rest = peer.options().without(listen.options());
            if (!rest.isEmpty()) {
                peers.add(new PeerScope(peer.block(), rest, peer.position()));
            }
        }
        return peers;
    }

    private List<Place> places(InetAddress peer) {
        List<Place> places = new ArrayList<>();
        String listenName = "Listen \"" + listen.address() + "\"";
        matching(listen.peers(), peer).forEach(p -> places.add(new Place(listenName + " Peer \"" + p.block() + "\"",
                p.options())));
        places.add(new Place(listenName, listen.options()));
        matching(listener.peers(), peer).forEach(p -> places.add(new Place(listener.kind() + " Peer \"" + p.block()
                + "\"", p.options())));
        places.add(new Place(listener.kind().toString(), listener.options()));
        places.add(new Place("global", configuration.global()));
        return places;
    }

    /** The blocks that contain {@code peer}, most specific first. */
    public static List<PeerScope> matching(List<PeerScope> peers, InetAddress peer) {
        if (peer == null) {
            return List.of();
        }
        return peers.stream()
                .filter(p -> p.block().contains(peer))
                .sorted(Comparator.comparingInt((PeerScope p) -> p.block().prefixLength()).reversed())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static OptionDef<Boolean> enableOption() {
        return (OptionDef<Boolean>) org.mtalistener.conf.options.OptionRegistry.standard().require("Enable");
    }

    private record Place(String name, OptionSet options) {
    }
}
