package org.mtalistener.ra;

import io.netty.channel.Channel;
import static org.mtalistener.conf.options.ListenerOptions.REJECT_CONNECTIONS_TEXT;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mtalistener.control.ConsoleProtocol;
import org.mtalistener.ecstream.EcstreamProtocol;
import org.mtalistener.http.HttpProtocol;
import org.mtalistener.qmqp.QmqpProtocol;
import org.mtalistener.smtp.Replies;
import org.mtalistener.smtp.SmtpProtocol;
import org.mtalistener.smtp.SmtpSettings;

/** The protocol a listener speaks: how it starts a session, and how it turns one away. */
sealed interface ListenerProtocol {

    void serve(Channel channel, ClientSettings.Client client);

    /** @param perClient the client's own limit refused it (Max_Sessions_Per_Client), else the listener's */
    void refuse(Channel channel, ClientSettings.Client client, boolean perClient);

    /** Reject_Connections: turns the client away before any banner, each protocol in its own way. */
    default void reject(Channel channel, ClientSettings.Client client) {
        channel.close(); // ECStream and the console have no words for it: the producer sees the close
    }

    /** @param named the settings of a client a trusted peer names (XCLIENT, XREMOTEIP); one for every session */
    record Smtp(SmtpProtocol smtp, Function<SocketAddress, SmtpSettings> named) implements ListenerProtocol {

        /** @param clients the settings in force, which the console may have changed since the activation */
        Smtp(SmtpProtocol smtp, Supplier<ClientSettings> clients) {
            // A client a trusted peer names gets its own Peer's settings; one whose address the peer did not know
            // gets none, never the loopback's that an address-less socket would.
            this(smtp, named -> named instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? clients.get().forClient(named).smtp() : clients.get().withoutPeer().smtp());
        }

        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            smtp.initChannel(channel, client.smtp(), named);
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client, boolean perClient) {
            smtp.refuse(channel, perClient ? Replies.TOO_MANY_FROM_CLIENT : Replies.CONCURRENCY_LIMIT);
        }

        @Override
        public void reject(Channel channel, ClientSettings.Client client) {
            smtp.refuse(channel, Replies.connectionRejected(client.options().get(REJECT_CONNECTIONS_TEXT)));
        }
    }

    record Ecstream(EcstreamProtocol ecstream) implements ListenerProtocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            ecstream.initChannel(channel, client.ecstream());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client, boolean perClient) {
            ecstream.refuse(channel);
        }
    }

    record Qmqp(QmqpProtocol qmqp) implements ListenerProtocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            qmqp.initChannel(channel, client.qmqp());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client, boolean perClient) {
            qmqp.refuse(channel, perClient);
        }
    }

    record Http(HttpProtocol http) implements ListenerProtocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            http.initChannel(channel, client.http());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client, boolean perClient) {
            http.refuse(channel);
        }
    }

    record Console(ConsoleProtocol console) implements ListenerProtocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            console.initChannel(channel, client.console());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client, boolean perClient) {
            console.refuse(channel);
        }
    }
}
