package org.mtalistener.conf.model;

import java.util.List;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.Position;

/** {@code ESMTP_Listener { ... }}: a listener of the adapter, with its own options, Peer ACL and sockets. */
public record ListenerScope(ScopeKind kind, OptionSet options, List<PeerScope> peers, List<ListenScope> listens,
                            Position position) {

    public ListenerScope {
        peers = List.copyOf(peers);
        listens = List.copyOf(listens);
    }
}
