package org.mtalistener.ra;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.net.TlsConfig;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.smtp.SmtpSettings;
import org.mtalistener.smtp.TlsSettings;

/**
 * The SMTP settings of one connection: the activation's, overridden by the Peer scopes that contain the client —
 * the Listen's Peers first, then the listener's, most specific block first in each (the mapper already removed from
 * the listener's Peers what the Listen sets itself). Unix-socket clients count as loopback.
 *
 * <p>TLS options in a Peer (a 2.x {@code TLS [ ]} ACL property becomes one) pick one of the contexts loaded with
 * the activation: {@link #tlsChains()} names every combination of Peers a client can match, so each context is
 * loaded before the first connection and none on an event loop.
 */
final class PeerSettings {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ListenerActivationSpec spec;
    private final TlsContexts tlsContexts;
    private final SmtpSettings withoutPeer;
    private final List<PeerScope> listenPeers;
    private final List<PeerScope> listenerPeers;

    PeerSettings(ListenerActivationSpec spec, List<PeerScope> listenPeers, List<PeerScope> listenerPeers,
                 TlsContexts tlsContexts) {
        this.spec = spec;
        this.tlsContexts = tlsContexts;
        this.listenPeers = List.copyOf(listenPeers);
        this.listenerPeers = List.copyOf(listenerPeers);
        this.withoutPeer = spec.smtpSettings();
    }

    SmtpSettings forClient(SocketAddress remote) {
        if (listenPeers.isEmpty() && listenerPeers.isEmpty()) {
            return withoutPeer.withTls(tlsSettings(List.of()));
        }
        InetAddress client = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : LOOPBACK;
        List<PeerScope> chain = new ArrayList<>(Socket.matching(listenPeers, client));
        chain.addAll(Socket.matching(listenerPeers, client));
        if (chain.isEmpty()) {
            return withoutPeer.withTls(tlsSettings(List.of()));
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
                Duration.ofSeconds(idle), tlsSettings(chain));
    }

    /** The TLS options for a client that matches {@code chain}: each from the first Peer that sets it, else the spec's. */
    TlsConfig tlsConfig(List<PeerScope> chain) {
        TlsConfig base = spec.tlsConfig();
        return new TlsConfig(
                this.<String>first(chain, "TLS_Certificate").orElse(base.certificate()),
                this.<String>first(chain, "TLS_Key").orElse(base.key()),
                this.<String>first(chain, "TLS_Client_CA").orElse(base.clientCa()),
                this.<String>first(chain, "TLS_Verify_Mode").map(TlsConfig.VerifyMode::of).orElse(base.verifyMode()),
                this.<String>first(chain, "TLS_Ciphers").orElse(base.ciphers()),
                this.<String>first(chain, "TLSv13_Ciphersuites").orElse(base.tls13Ciphersuites()),
                this.<String>first(chain, "TLS_Protocols").orElse(base.protocols()));
    }

    boolean useSsl(List<PeerScope> chain) {
        return this.<Boolean>first(chain, "Use_SSL").orElse(spec.isUseSsl());
    }

    private TlsSettings tlsSettings(List<PeerScope> chain) {
        TlsConfig config = tlsConfig(chain);
        return new TlsSettings(tlsContexts.get(config), useSsl(chain) && config.offered(),
                TlsSettings.InjectionPolicy.of(this.<String>first(chain, "Starttls_Injection_Policy")
                        .orElse(spec.getStarttlsInjectionPolicy())));
    }

    /**
     * Every chain of Peers a client can match, the empty one first. CIDR blocks nest or do not meet, so the blocks
     * that contain a client are exactly those that contain its most specific block: one chain per block.
     */
    List<List<PeerScope>> tlsChains() {
        List<List<PeerScope>> chains = new ArrayList<>();
        chains.add(List.of());
        List<PeerScope> all = new ArrayList<>(listenPeers);
        all.addAll(listenerPeers);
        for (PeerScope peer : all) {
            chains.add(chainOf(peer));
        }
        return chains;
    }

    private List<PeerScope> chainOf(PeerScope peer) {
        InetAddress network = peer.block().network().toInetAddress();
        int prefix = peer.block().prefixLength();
        List<PeerScope> chain = new ArrayList<>(within(listenPeers, network, prefix));
        chain.addAll(within(listenerPeers, network, prefix));
        return chain;
    }

    private static List<PeerScope> within(List<PeerScope> peers, InetAddress network, int prefix) {
        return peers.stream()
                .filter(p -> p.block().prefixLength() <= prefix && p.block().contains(network))
                .sorted(Comparator.comparingInt((PeerScope p) -> p.block().prefixLength()).reversed())
                .toList();
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
