package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.RecipientChecker;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.NoRenegotiationEngine;
import org.mtalistener.net.SessionLoop;
import org.mtalistener.smtp.SmtpInputDecoder.Signal;

/**
 * The server side of one ESMTP session (RFC 5321 with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES, STARTTLS,
 * AUTH, CHUNKING, SMTPUTF8 and the trusted peers' XCLIENT, XREMOTEIP, XDUMPCONTEXT, XSETCONTEXT): takes lines and
 * content from {@link SmtpInputDecoder} and answers them in order. Its parts: the command lines
 * ({@link SmtpCommands}) with the envelope commands ({@link EnvelopeCommands}), AUTH ({@link AuthExchange}), STARTTLS
 * and the handshake ({@link StartTls}), the trusted peers' commands ({@link TrustedPeerCommands}), and the content
 * with its delivery ({@link MessageReception}). The session holds the channel, the state between them and the
 * session's end.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it; a delivery completes on another thread
 * and comes back to the loop. Replies are written as commands are processed and flushed once per read, so a
 * pipelined group gets its replies in one packet.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    enum State {
        COMMANDS,
        DATA,
        /** the octets of a BDAT chunk are being read */
        CHUNK,
        /** a message is with the deliverer; input is held back until its reply is out */
        DELIVERING,
        /** a recipient is with the MDB's check (Recipient_Check); input is held back until its reply is out */
        CHECKING,
        CLOSED
    }

    /** The client's settings; a trusted peer's XCLIENT or XREMOTEIP names another client, with settings of its own. */
    private SmtpSettings settings;
    private final Clock clock;
    private final SmtpInputDecoder decoder;

    private final Transaction transaction = new Transaction();
    private final EnvelopeCommands envelope;
    private final AuthExchange auth;
    private final StartTls startTls;
    private final MessageReception reception;
    private final TrustedPeerCommands trustedPeer;
    private final SmtpCommands commands;
    private ChannelHandlerContext ctx;
    private State state = State.COMMANDS;
    private boolean greeted;
    private final ClientHello hello = new ClientHello();
    /** The listener is closing during a delivery or check: close once its reply is out. */
    private boolean closeAfterDelivery;

    /** @param checker the MDB's recipient check, for Recipient_Check; null when there is none */
    SmtpSession(SmtpSettings settings, Deliverer deliverer, RecipientChecker checker,
                Supplier<ContentBuffer> contentBuffers, QueueIds queueIds, Clock clock, SmtpInputDecoder decoder,
                TrustedPeerCommands.ClientLookup lookup) {
        this.settings = settings;
        this.clock = clock;
        this.decoder = decoder;
        this.envelope = new EnvelopeCommands(settings, transaction);
        this.trustedPeer = new TrustedPeerCommands(this, lookup, settings);
        this.auth = new AuthExchange(this, new AuthCommand(settings.auth(), settings.bannerHostname()));
        this.startTls = new StartTls(this, settings.tls(), decoder);
        this.reception = new MessageReception(this, transaction, decoder, deliverer, contentBuffers, queueIds, clock);
        this.commands = new SmtpCommands(this, transaction, envelope, auth, startTls, reception, trustedPeer, hello,
                new RcptCheck(this, transaction, envelope, decoder, checker));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // An accepted channel is already active when its pipeline is built.
        if (ctx.channel().isActive()) {
            greet();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        greet();
        ctx.fireChannelActive();
    }

    void greet() {
        if (startTls.greetingWaits()) {
            return;
        }
        if (!greeted) {
            greeted = true;
            String banner = settings.policy().staticBanner();
            reply(banner != null ? Replies.staticGreeting(banner)
                    : Replies.greeting(settings.bannerHostname(), MailDate.now(clock)));
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof ByteBuf chunk) {
            if (state == State.DATA || state == State.CHUNK) {
                reception.content(chunk);
            } else {
                chunk.release();
            }
        } else if (msg instanceof String line) {
            if (auth.inProgress()) {
                auth.response(line);
            } else {
                commands.run(line);
            }
        } else if (msg == Signal.END_OF_DATA) {
            if (state == State.DATA) {
                reception.endOfData();
            }
        } else if (msg == Signal.END_OF_CHUNK) {
            if (state == State.CHUNK) {
                reception.endOfChunk();
            }
        } else if (msg == Signal.LINE_TOO_LONG) {
            reply(Replies.LINE_TOO_LONG);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ListenerClosing.EVENT) {
            listenerClosing();
        } else if (event instanceof IdleStateEvent idle) {
            idle(idle);
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            startTls.handshaken(handshake);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void listenerClosing() {
        if (waitsForEndpoint()) {
            closeAfterDelivery = true;
        } else if (state != State.CLOSED) {
            closeWith(Replies.shuttingDown(settings.bannerHostname()));
        }
    }

    private void idle(IdleStateEvent event) {
        if (event.state() == IdleState.WRITER_IDLE || state == State.CLOSED) {
            return;
        }
        if (waitsForEndpoint() || reception.congested()) {
            // The client is waiting for us, not the other way round.
            return;
        }
        LOG.fine(() -> session() + ": idle for " + settings.idleTime() + ", closing");
        closeWith(Replies.idleTimeout(settings.bannerHostname()));
    }

    /** Sends a last reply and closes; a message still being received is dropped, never acknowledged. */
    void closeWith(Reply last) {
        state = State.CLOSED;
        transaction.reset();
        decoder.pause();
        reply(last).addListener(ChannelFutureListener.CLOSE);
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (transaction.queueId() != null && state != State.DELIVERING) {
            LOG.fine(() -> session() + ": connection lost during DATA or BDAT; message " + transaction.queueId()
                    + " dropped");
        }
        state = State.CLOSED;
        transaction.reset();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause.getCause() instanceof NoRenegotiationEngine.Refused refused) {
            LOG.info(() -> session() + ": " + refused.getMessage() + ", closing the session");
        } else if (cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // Resets and broken pipes are how many clients end a session; a failed handshake is told above.
            LOG.fine(() -> session() + ": " + cause);
        } else {
            LOG.log(Level.WARNING, session() + ": unexpected failure, closing the session", cause);
        }
        if (state != State.CLOSED) {
            abort();
            ctx.close();
        }
    }

    ChannelFuture reply(Reply reply) {
        LOG.fine(() -> session() + " >>> " + reply);
        return ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), reply.render(enhancedCodes())));
    }

    void updateAutoRead() {
        if (state != State.CLOSED) {
            ctx.channel().config().setAutoRead(!waitsForEndpoint() && !reception.congested());
        }
    }

    void resetIdleTimer() {
        SessionLoop.resetIdleTimer(ctx);
    }

    void onEventLoop(Runnable task) {
        SessionLoop.execute(ctx, task, LOG, this::session);
    }

    SessionInfo sessionInfo() {
        Channel channel = ctx.channel();
        SocketAddress local = trustedPeer.localAddress();
        return new SessionInfo(settings.listenerName(), Protocol.ESMTP, local != null ? local : channel.localAddress(),
                ClientAddress.of(channel), hello.name(), tls(), trustedPeer.context(), auth.user());
    }

    // --- what the parts of the session read and do

    ChannelHandlerContext ctx() {
        return ctx;
    }

    SmtpSettings settings() {
        return settings;
    }

    /** Whether replies carry enhanced status codes: ENHANCEDSTATUSCODES is offered (SMTP_Extensions). */
    boolean enhancedCodes() {
        return settings.policy().enhancedStatusCodes();
    }

    State state() {
        return state;
    }

    /** Whether the session waits for the MDB: a delivery or a recipient check is out. */
    private boolean waitsForEndpoint() {
        return state == State.DELIVERING || state == State.CHECKING;
    }

    boolean closed() {
        return state == State.CLOSED;
    }

    void enter(State next) {
        state = next;
    }

    ClientHello hello() {
        return hello;
    }

    /** The client's host name, as XCLIENT's NAME gave it; null if unknown. */
    String clientName() {
        return trustedPeer.clientName();
    }

    /** XREMOTEIP: from now on the session follows {@code next}, the settings of the client it serves now. */
    void become(SmtpSettings next) {
        settings = next;
        envelope.settings(next);
    }

    /**
     * XCLIENT: the session starts again as the client named, as a new connection would: the greeting, EHLO or HELO
     * first. {@code login}: the user that client authenticated as; null to keep the present one, empty for none.
     */
    void restart(SmtpSettings next, String login) {
        String user = login == null ? auth.user() : login.isEmpty() ? null : login;
        become(next);
        transaction.reset();
        auth.restart(new AuthCommand(next.auth(), next.bannerHostname()), user);
        hello.forget();
        greeted = false;
        greet();
    }

    SessionInfo.Tls tls() {
        return startTls.tls();
    }

    /** After STARTTLS: no transaction, no authentication, EHLO or HELO again (RFC 3207 section 4.2). */
    void startAfresh() {
        transaction.reset();
        auth.reset();
        hello.forget();
    }

    /** Ends the session at once, without a reply: nothing more is read or answered. */
    void abort() {
        state = State.CLOSED;
        transaction.reset();
        decoder.pause();
    }

    /** A delivered message's reply: the session reads commands again (or closes, if the listener is closing). */
    void answered(Reply reply, boolean accepted) {
        if (accepted) {
            envelope.messageAccepted();
        }
        resume(reply);
    }

    /**
     * The reply the session waited for the MDB for (a delivery's, a recipient check's): it reads commands again,
     * the ones that came meanwhile first (or closes, if the listener is closing).
     */
    void resume(Reply reply) {
        state = State.COMMANDS;
        reply(reply);
        if (closeAfterDelivery) {
            closeWith(Replies.shuttingDown(settings.bannerHostname()));
            return;
        }
        resetIdleTimer();
        decoder.resume();
        updateAutoRead();
        ctx.flush();
    }

    String name() {
        return session();
    }

    private String session() {
        return settings.listenerName() + " " + ClientAddress.of(ctx.channel());
    }
}
