package org.mtalistener.smtp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.log.ClientText;

/**
 * STARTTLS (RFC 3207) and the handshake of a session's TLS, STARTTLS's or implicit TLS's.
 *
 * <p>The 220 goes out in plain text, then the TLS handler goes first in the pipeline, in the same event-loop task, so
 * every byte read after it is decrypted. Plain text the decoder already holds (pipelined after STARTTLS) is refused
 * or thrown away, never decoded as a command of the TLS session (CVE-2011-0411). The session starts afresh: no
 * sender, no recipients, EHLO or HELO again.
 *
 * <p>The TLS settings are the connection's: they stay those of the socket's client when XCLIENT names another.
 */
final class StartTls {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private final SessionPort session;
    private final TlsSettings settings;
    private final SmtpInputDecoder decoder;
    /** STARTTLS was accepted (or TLS is implicit): the TLS handler is in the pipeline. */
    private boolean started;
    /** What the handshake settled; null until it completed. */
    private SessionInfo.Tls tls;

    StartTls(SessionPort session, TlsSettings settings, SmtpInputDecoder decoder) {
        this.session = session;
        this.settings = settings;
        this.decoder = decoder;
    }

    /** The TLS the session runs over; null in plain text (or before the handshake completed). */
    SessionInfo.Tls tls() {
        return tls;
    }

    boolean offered() {
        return settings.context() != null && !started;
    }

    /**
     * Whether the greeting waits for an implicit-TLS handshake: then the greeting is the first thing said inside
     * TLS.
     */
    boolean greetingWaits() {
        if (settings.implicit() && tls == null) {
            started = true;
            return true;
        }
        return false;
    }

    void command(String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.NO_PARAMETERS_ALLOWED);
            return;
        }
        if (started) {
            session.reply(Replies.TLS_ALREADY_ACTIVE);
            return;
        }
        if (settings.context() == null) {
            session.reply(Replies.TLS_NOT_AVAILABLE);
            return;
        }
        int injected = decoder.heldBytes();
        if (injected > 0) {
            switch (settings.injection()) {
                case REJECT -> {
                    LOG.warning(() -> session.name() + ": " + injected + " bytes pipelined after STARTTLS "
                            + "(CVE-2011-0411); Starttls_Injection_Policy = reject, connection dropped");
                    decoder.discardInput();
                    session.closeWith(Replies.startTlsInjection(session.settings().bannerHostname()));
                    return;
                }
                case IGNORE -> LOG.warning(() -> session.name() + ": " + injected + " bytes pipelined after "
                        + "STARTTLS (CVE-2011-0411) thrown away; Starttls_Injection_Policy = ignore");
                case ALLOW -> LOG.fine(() -> session.name() + ": " + injected + " bytes pipelined after STARTTLS "
                        + "thrown away (never run inside TLS)");
            }
        }
        decoder.discardInput();
        Channel channel = session.channel();
        session.reply(Replies.READY_TO_START_TLS);
        session.flush();
        // The 220 is queued in plain text; from here on every byte read goes through TLS first.
        channel.pipeline().addFirst(SmtpProtocol.TLS, settings.newHandler(channel.alloc()));
        started = true;
        session.startAfresh();
    }

    /** Whether the handshake failed because the client's first bytes were no TLS record at all. */
    private static boolean neverBeganTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }

    void handshaken(SslHandshakeCompletionEvent event) {
        if (session.closed()) {
            return;
        }
        Channel channel = session.channel();
        if (!event.isSuccess()) {
            // an operator needs to see refused certificates and broken clients, once per session
            LOG.info(() -> session.name() + ": TLS handshake failed: " + event.cause().getMessage());
            session.abandon();
            if (!settings.implicit() && channel.isActive() && neverBeganTls(event.cause())) {
                // A client that never began TLS (it went on in plain text) can still read this; one that did gets
                // the TLS engine's alert, which plain text behind it would only garble.
                ChannelHandlerContext beforeTls = channel.pipeline().context(SmtpProtocol.TLS);
                if (beforeTls != null) {
                    beforeTls.writeAndFlush(ByteBufUtil.writeAscii(channel.alloc(),
                            Replies.TLS_NEGOTIATION_FAILED.render(session.enhancedCodes())));
                }
            }
            channel.close();
            return;
        }
        SSLSession ssl = channel.pipeline().get(SslHandler.class).engine().getSession();
        tls = new SessionInfo.Tls(ssl.getProtocol(), ssl.getCipherSuite(), TlsContexts.verifiedClientSubject(ssl));
        LOG.fine(() -> session.name() + ": TLS " + tls.protocol() + " " + tls.cipherSuite()
                + (tls.clientSubject() != null ? ", client " + ClientText.quoted(tls.clientSubject()) : ""));
        if (settings.implicit()) {
            session.greet();
        }
    }
}
