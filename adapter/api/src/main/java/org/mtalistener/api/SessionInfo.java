package org.mtalistener.api;

import java.net.SocketAddress;

/**
 * The session a message arrived on.
 *
 * @param listener      the listener that accepted the session, e.g. {@code ESMTP_Listener 127.0.0.1:2525}
 * @param protocol      the protocol spoken on the session
 * @param localAddress  the address the listener accepted on
 * @param remoteAddress the peer's address
 * @param heloName      the name the client gave with EHLO/HELO; empty if it gave none
 */
public record SessionInfo(String listener, Protocol protocol, SocketAddress localAddress,
                          SocketAddress remoteAddress, String heloName) {
}
