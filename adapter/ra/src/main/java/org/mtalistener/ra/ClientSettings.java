package org.mtalistener.ra;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.smtp.SmtpPolicy;
import org.mtalistener.smtp.SmtpSettings;

/**
 * The settings of each client's connection: the activation's options overridden by the Peer scopes that contain
 * the client — the Listen's Peers first, then the listener's, most specific block first in each (the mapper already
 * removed from the listener's Peers what the Listen sets itself). Unix-socket clients count as loopback.
 */
final class ClientSettings {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** One connection's options and the SMTP settings made of them. */
    record Client(EffectiveOptions options, SmtpSettings smtp) {
    }

    private final String listenerName;
    private final EffectiveOptions activation;
    private final List<PeerScope> listenPeers;
    private final List<PeerScope> listenerPeers;
    private final Client withoutPeer;

    ClientSettings(String listenerName, EffectiveOptions activation, List<PeerScope> listenPeers,
                   List<PeerScope> listenerPeers) {
        this.listenerName = listenerName;
        this.activation = activation;
        this.listenPeers = List.copyOf(listenPeers);
        this.listenerPeers = List.copyOf(listenerPeers);
        this.withoutPeer = client(activation);
    }

    Client forClient(SocketAddress remote) {
        if (listenPeers.isEmpty() && listenerPeers.isEmpty()) {
            return withoutPeer;
        }
        InetAddress address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : LOOPBACK;
        List<PeerScope> chain = new ArrayList<>(Socket.matching(listenPeers, address));
        chain.addAll(Socket.matching(listenerPeers, address));
        return chain.isEmpty() ? withoutPeer : client(activation.with(chain));
    }

    Client withoutPeer() {
        return withoutPeer;
    }

    private Client client(EffectiveOptions o) {
        String banner = o.text("Banner_Hostname") != null ? o.text("Banner_Hostname") : LocalHostName.get();
        // An unset Received_Hostname follows the banner, a Peer's included.
        String received = o.text("Received_Hostname") != null ? o.text("Received_Hostname") : banner;
        SmtpPolicy policy = new SmtpPolicy(o.text("Static_Banner"), o.flag("Require_EHLO"),
                o.flag("Allow_Null_Envelope_Sender"), o.flag("Allow_IP_Literal"),
                o.flag("Allow_Trailing_Whitespace_In_Commands"), o.count("Max_Receptions_Per_Connection"),
                o.count("Max_Recipients_Per_Connection"));
        return new Client(o, new SmtpSettings(listenerName, banner, received, o.number("Max_Message_Size"),
                o.count("Max_Recipients_Per_Message"), Duration.ofSeconds(o.number("Idle_Time")), policy));
    }
}
