package org.mtalistener.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;

/**
 * The address of the client a session serves: the socket's peer, or — behind a proxy speaking the PROXY protocol, or
 * after a trusted peer's XCLIENT or XREMOTEIP — the original client the proxy names. Received headers, EHLO replies,
 * the Peer ACL and the MDB see this one.
 */
public final class ClientAddress {

    static final AttributeKey<SocketAddress> KEY = AttributeKey.valueOf(ClientAddress.class, "client");

    private ClientAddress() {
    }

    /** From now on the channel serves {@code client} (XCLIENT, XREMOTEIP). Call on the channel's event loop. */
    public static void set(Channel channel, SocketAddress client) {
        channel.attr(KEY).set(client);
    }

    public static SocketAddress of(Channel channel) {
        // hasAttr first: attr() would give every channel an empty attribute of its own
        SocketAddress proxied = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
        return proxied != null ? proxied : channel.remoteAddress();
    }
}
