package org.mtalistener.api;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session a message arrived on.
 *
 * @param listener      the listener that accepted the session, e.g. {@code ESMTP_Listener 127.0.0.1:2525}
 * @param protocol      the protocol spoken on the session
 * @param localAddress  the address the listener accepted on
 * @param remoteAddress the peer's address
 * @param heloName      the name the client gave with EHLO/HELO; empty if it gave none
 * @param tls           the TLS the message came over (after STARTTLS, or on an implicit-TLS listener); null when it
 *                      came in plain text
 * @param context       the connection's context variables: the {@code Context = [ name = value ]} of the listener,
 *                      Listen or Peer scope that applies to the client (keys such as {@code __bypass_<module>}
 *                      included); empty when none is set
 * @param authenticatedUser the user the client authenticated as with SMTP AUTH ({@code anonymous} under
 *                      {@code Always_Allow}); null when it did not authenticate
 */
public record SessionInfo(String listener, Protocol protocol, SocketAddress localAddress,
                          SocketAddress remoteAddress, String heloName, Tls tls, Map<String, String> context,
                          String authenticatedUser) {

    public SessionInfo {
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** A session whose client did not authenticate. */
    public SessionInfo(String listener, Protocol protocol, SocketAddress localAddress, SocketAddress remoteAddress,
                       String heloName, Tls tls, Map<String, String> context) {
        this(listener, protocol, localAddress, remoteAddress, heloName, tls, context, null);
    }

    /** A session in plain text, without context variables. */
    public SessionInfo(String listener, Protocol protocol, SocketAddress localAddress, SocketAddress remoteAddress,
                       String heloName) {
        this(listener, protocol, localAddress, remoteAddress, heloName, null, Map.of());
    }

    /** A session without context variables. */
    public SessionInfo(String listener, Protocol protocol, SocketAddress localAddress, SocketAddress remoteAddress,
                       String heloName, Tls tls) {
        this(listener, protocol, localAddress, remoteAddress, heloName, tls, Map.of());
    }

    /** Whether the client authenticated (SMTP AUTH, or Always_Allow). */
    public boolean authenticated() {
        return authenticatedUser != null;
    }

    /** Whether the message came over TLS. */
    public boolean secure() {
        return tls != null;
    }

    /**
     * What the TLS handshake settled.
     *
     * @param protocol      the protocol version, as the JDK names it, e.g. {@code TLSv1.3}
     * @param cipherSuite   the cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}
     * @param clientSubject the subject (RFC 2253) of the client certificate that was verified against the
     *                      listener's {@code TLS_Client_CA}; null when the client sent none, or sent one that did not
     *                      verify (possible under {@code TLS_Verify_Mode = optional})
     */
    public record Tls(String protocol, String cipherSuite, String clientSubject) {
    }
}
