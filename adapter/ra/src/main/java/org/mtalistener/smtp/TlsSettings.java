package org.mtalistener.smtp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.Locale;
import org.mtalistener.net.TlsContexts;

/**
 * TLS as one connection gets it.
 *
 * @param context            the server context; null: STARTTLS is not offered (454 4.7.0)
 * @param implicit           {@code Use_SSL}: TLS from the first byte, the greeting after the handshake
 * @param injection          {@code Starttls_Injection_Policy}: what happens to input pipelined after STARTTLS
 * @param allowRenegotiation {@code TLS_Allow_Renegotiation}: false closes the connection of a client that starts a
 *                           second handshake (TLS 1.2); true leaves it to the JDK, which takes a secure (RFC 5746)
 *                           one unless the JVM sets {@code jdk.tls.rejectClientInitiatedRenegotiation}
 */
public record TlsSettings(SslContext context, boolean implicit, InjectionPolicy injection,
                          boolean allowRenegotiation) {

    public static final TlsSettings NONE = new TlsSettings(null, false, InjectionPolicy.REJECT);

    /** Settings under which the JDK decides on renegotiation (TLS_Allow_Renegotiation's default). */
    public TlsSettings(SslContext context, boolean implicit, InjectionPolicy injection) {
        this(context, implicit, injection, true);
    }

    /** A new TLS handler for one connection, with its own engine. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        return TlsContexts.newHandler(context, alloc, allowRenegotiation);
    }

    /**
     * {@code Starttls_Injection_Policy} (CVE-2011-0411). Whatever the policy, bytes that arrived before TLS are
     * never read as commands of the TLS session.
     */
    public enum InjectionPolicy {
        /** STARTTLS with anything after it in the buffer: refused with 421 and the connection closed */
        REJECT,
        /** the bytes after STARTTLS are thrown away, logged as an attempted injection; TLS starts */
        IGNORE,
        /**
         * as {@code IGNORE}, but logged as an ordinary event. Momentum's {@code allow} runs them, which is the
         * vulnerability itself; running them in plain text instead would put their replies where the client
         * awaits its handshake. Throwing them away is the one safe meaning left.
         */
        ALLOW;

        public static InjectionPolicy of(String word) {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        }
    }

    public TlsSettings {
        if (implicit && context == null) {
            throw new IllegalArgumentException("implicit TLS needs a TLS context");
        }
        if (injection == null) {
            injection = InjectionPolicy.REJECT;
        }
    }
}
