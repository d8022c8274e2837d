package org.mtalistener.conf.model;

import java.util.List;
import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.values.ListenAddress;

/** {@code Listen "127.0.0.1:25" { ... }}: one socket of a listener, its options and its Peer ACL. */
public record ListenScope(ListenAddress address, OptionSet options, List<PeerScope> peers, Position position) {

    public ListenScope {
        peers = List.copyOf(peers);
    }
}
