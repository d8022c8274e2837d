package org.mtalistener.ra;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.smtp.SmtpSettings;

/**
 * The SMTP settings of one connection: the activation's, overridden by the Peer scopes that contain the client —
 * the Listen's Peers first, then the listener's, most specific block first in each (the mapper already removed from
 * the listener's Peers what the Listen sets itself). Unix-socket clients count as loopback.
 */
final class PeerSettings {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ListenerActivationSpec spec;
    private final SmtpSettings withoutPeer;
    private final List<PeerScope> listenPeers;
    private final List<PeerScope> listenerPeers;

    PeerSettings(ListenerActivationSpec spec, List<PeerScope> listenPeers, List<PeerScope> listenerPeers) {
        this.spec = spec;
        this.withoutPeer = spec.smtpSettings();
        this.listenPeers = List.copyOf(listenPeers);
        this.listenerPeers = List.copyOf(listenerPeers);
    }

    SmtpSettings forClient(SocketAddress remote) {
        if (listenPeers.isEmpty() && listenerPeers.isEmpty()) {
            return withoutPeer;
        }
        InetAddress client = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : LOOPBACK;
        List<PeerScope> chain = new ArrayList<>(Socket.matching(listenPeers, client));
        chain.addAll(Socket.matching(listenerPeers, client));
        if (chain.isEmpty()) {
            return withoutPeer;
        }
        String banner = this.<String>first(chain, "Banner_Hostname").orElse(withoutPeer.bannerHostname());
        // An unset Received_Hostname follows the banner, the peer's included.
        String received = this.<String>first(chain, "Received_Hostname")
                .orElse(spec.getReceivedHostname() != null ? spec.getReceivedHostname() : banner);
        long idle = this.<Long>first(chain, "Idle_Time").orElse(withoutPeer.idleTime().toSeconds());
        long size = this.<Long>first(chain, "Max_Message_Size").orElse(withoutPeer.maxMessageSize());
        long recipients = this.<Long>first(chain, "Max_Recipients_Per_Message")
                .orElse((long) withoutPeer.maxRecipientsPerMessage());
        return new SmtpSettings(withoutPeer.listenerName(), banner, received, size, (int) recipients,
                Duration.ofSeconds(idle));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> first(List<PeerScope> chain, String optionName) {
        var option = OptionRegistry.standard().require(optionName);
        for (PeerScope peer : chain) {
            Optional<Setting> setting = peer.options().get(option);
            if (setting.isPresent()) {
                return Optional.of((T) setting.get().value());
            }
        }
        return Optional.empty();
    }
}
