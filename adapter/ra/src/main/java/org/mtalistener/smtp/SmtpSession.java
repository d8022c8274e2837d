package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.SessionLoop;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.smtp.SmtpInputDecoder.Signal;

/**
 * The server side of one ESMTP session (RFC 5321 with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES, STARTTLS and
 * AUTH):
 * takes lines and content from {@link SmtpInputDecoder}, answers them in order and hands each message to the
 * deliverer.
 *
 * <p>STARTTLS (RFC 3207): the 220 goes out in plain text, then the TLS handler goes first in the pipeline, in the
 * same event-loop task, so every byte read after it is decrypted. Plain text the decoder already holds (pipelined
 * after STARTTLS) is refused or thrown away, never decoded as a command of the TLS session (CVE-2011-0411). The
 * session starts afresh: no sender, no recipients, EHLO or HELO again.
 *
 * <p>Everything here runs on the channel's event loop and never blocks it; a delivery completes on another thread
 * and comes back to the loop. Replies are written as commands are processed and flushed once per read, so a
 * pipelined group gets its replies in one packet.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private enum State {
        COMMANDS,
        DATA,
        /** a message is with the deliverer; input is held back until its reply is out */
        DELIVERING,
        CLOSED
    }

    private final SmtpSettings settings;
    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final Clock clock;
    private final SmtpInputDecoder decoder;

    /** Whether replies carry enhanced status codes: ENHANCEDSTATUSCODES is offered (SMTP_Extensions). */
    private final boolean enhancedCodes;

    private final Transaction transaction = new Transaction();
    private final EnvelopeCommands envelope;
    private final AuthCommand auth;
    private ChannelHandlerContext ctx;
    private State state = State.COMMANDS;
    private boolean greeted;
    private String heloName = "";
    private boolean esmtp;
    /** After STARTTLS: MAIL waits for a new EHLO or HELO. */
    private boolean helloNeeded;
    /** STARTTLS was accepted (or TLS is implicit): the TLS handler is in the pipeline. */
    private boolean tlsStarted;
    /** What the handshake settled; null until it completed. */
    private SessionInfo.Tls tls;
    /** The buffer whose disk writer reading waits for; null when reading is not held up by one. */
    private ContentBuffer congested;
    /** The listener is closing during a delivery: close once that delivery's reply is out. */
    private boolean closeAfterDelivery;

    SmtpSession(SmtpSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                QueueIds queueIds, Clock clock, SmtpInputDecoder decoder) {
        this.settings = settings;
        this.deliverer = deliverer;
        this.contentBuffers = contentBuffers;
        this.queueIds = queueIds;
        this.clock = clock;
        this.decoder = decoder;
        this.envelope = new EnvelopeCommands(settings, transaction);
        this.enhancedCodes = settings.policy().enhancedStatusCodes();
        this.auth = new AuthCommand(settings.auth(), settings.bannerHostname());
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

    private void greet() {
        if (settings.tls().implicit() && tls == null) {
            // Implicit TLS: the greeting is the first thing said inside TLS.
            tlsStarted = true;
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
            content(chunk);
        } else if (msg instanceof String line) {
            if (auth.inProgress()) {
                authResponse(line);
            } else {
                command(line);
            }
        } else if (msg == Signal.END_OF_DATA) {
            endOfData();
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

    private void command(String line) {
        SmtpCommand command = SmtpCommand.parse(policy().allowTrailingWhitespace() ? loosened(line) : line);
        String argument = command.argument();
        // An AUTH initial response is a password in base64: the log gets the mechanism only.
        LOG.fine(() -> session() + " <<< " + (command.verb() == SmtpCommand.Verb.AUTH
                ? "AUTH " + argument.split(" ", 2)[0] + (argument.contains(" ") ? " ****" : "") : line));
        if (policy().requireEhlo() && heloName.isEmpty() && needsHello(command.verb())) {
            reply(Replies.HELO_NEEDED);
            return;
        }
        switch (command.verb()) {
            case EHLO -> hello(argument, true);
            case HELO -> hello(argument, false);
            case MAIL -> mail(argument);
            case RCPT -> reply(envelope.rcpt(argument, auth.user() != null));
            case DATA -> data(argument);
            case RSET -> rset(argument);
            case NOOP -> reply(Replies.OK);
            case QUIT -> quit(argument);
            case VRFY -> reply(argument.isEmpty() ? Replies.VRFY_ARGUMENT_MISSING : Replies.CANNOT_VRFY);
            case HELP -> reply(Replies.HELP);
            case STARTTLS -> startTls(argument);
            case AUTH -> auth(argument);
            case INVALID -> reply(Replies.INVALID_CHARACTERS);
            case UNKNOWN -> reply(Replies.UNRECOGNIZED_COMMAND);
        }
    }

    private static boolean needsHello(SmtpCommand.Verb verb) {
        return verb == SmtpCommand.Verb.MAIL || verb == SmtpCommand.Verb.RCPT || verb == SmtpCommand.Verb.DATA
                || verb == SmtpCommand.Verb.VRFY;
    }

    /** Allow_Trailing_Whitespace_In_Commands: {@code RCPT TO:< user@example.com > } reads as if written tight. */
    private static String loosened(String line) {
        return line.strip().replaceAll("<\\s+", "<").replaceAll("\\s+>", ">");
    }

    private SmtpPolicy policy() {
        return settings.policy();
    }

    private void hello(String name, boolean extended) {
        // The name goes into the Received header: one token of printable ASCII keeps that header intact.
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            reply(extended ? Replies.INVALID_EHLO : Replies.INVALID_HELO);
            return;
        }
        transaction.reset();
        heloName = name;
        esmtp = extended;
        helloNeeded = false;
        String host = settings.bannerHostname();
        String client = ReceivedHeader.hostAddress(ClientAddress.of(ctx.channel()));
        reply(extended ? Replies.ehlo(host, client, settings.maxMessageSize(), offersStartTls(),
                auth.offered(tls != null), enhancedCodes)
                : Replies.helo(host, client));
    }

    private void mail(String argument) {
        if (helloNeeded) {
            reply(Replies.HELLO_FIRST);
        } else if (!transaction.hasSender() && envelope.receptionsExhausted()) {
            closeWith(Replies.tooManyMessages(settings.bannerHostname()));
        } else {
            reply(envelope.mail(argument, auth.user() != null));
        }
    }

    private void data(String argument) {
        if (!argument.isEmpty()) {
            reply(Replies.DATA_ARGUMENT);
            return;
        }
        if (!transaction.hasSender()) {
            reply(Replies.DATA_WITHOUT_MAIL);
            return;
        }
        if (transaction.recipients().isEmpty()) {
            reply(Replies.DATA_WITHOUT_RCPT);
            return;
        }
        String queueId = queueIds.next();
        ContentBuffer content = contentBuffers.get();
        transaction.startData(queueId, content);
        String received = ReceivedHeader.format(heloName, esmtp, tls != null, ClientAddress.of(ctx.channel()),
                settings.receivedHostname(), queueId, transaction.recipients(), MailDate.now(clock));
        content.append(received.getBytes(StandardCharsets.US_ASCII));
        state = State.DATA;
        reply(Replies.START_DATA);
        decoder.startData();
    }

    private void content(ByteBuf chunk) {
        try {
            if (state != State.DATA) {
                return;
            }
            ContentBuffer buffer = transaction.append(chunk, settings.maxMessageSize());
            if (buffer != null && congested == null && buffer.congested()) {
                // The disk is behind: stop reading until it catches up rather than hold the excess in memory.
                congested = buffer;
                updateAutoRead();
                buffer.whenUncongested(() -> onEventLoop(() -> uncongested(buffer)));
            }
        } finally {
            chunk.release();
        }
    }

    private void uncongested(ContentBuffer buffer) {
        if (congested == buffer) {
            congested = null;
            resetIdleTimer();
            updateAutoRead();
        }
    }

    private void endOfData() {
        if (state != State.DATA) {
            return;
        }
        String queueId = transaction.queueId();
        if (transaction.oversized()) {
            LOG.fine(() -> session() + ": message " + queueId + " exceeds " + settings.maxMessageSize() + " bytes");
            transaction.reset();
            state = State.COMMANDS;
            reply(Replies.MESSAGE_TOO_LARGE);
            return;
        }
        ReceivedMessage message = new ReceivedMessage(queueId, transaction.envelope(), sessionInfo(),
                transaction.handOver());
        state = State.DELIVERING;
        decoder.pause();
        updateAutoRead();
        ctx.flush();
        CompletionStage<DeliveryOutcome> delivery;
        try {
            delivery = deliverer.deliver(message);
        } catch (RuntimeException e) {
            message.content().release();
            delivery = CompletableFuture.failedFuture(e);
        }
        // The stage completes on a delivery thread; the session's state belongs to the event loop.
        delivery.whenComplete((outcome, failure) -> onEventLoop(() -> delivered(queueId, outcome, failure)));
    }

    private void delivered(String queueId, DeliveryOutcome outcome, Throwable failure) {
        if (state != State.DELIVERING) {
            // The client left while the endpoint had the message; an accepted one may come again.
            LOG.log(outcome instanceof DeliveryOutcome.Accepted ? Level.INFO : Level.FINE,
                    () -> "message " + queueId + " ended with " + outcome + " after the client of " + session()
                            + " had gone; it was not told");
            return;
        }
        if (failure != null || outcome == null) {
            LOG.log(Level.WARNING, "delivery of message " + queueId + " ended without an outcome; told the "
                    + "client to try again", failure);
        } else if (!(outcome instanceof DeliveryOutcome.Accepted)) {
            // The deliverer logs refusals and failures at WARNING; this ties one to its session.
            LOG.fine(() -> session() + ": message " + queueId + " ended with " + outcome);
        }
        Reply reply = failure != null || outcome == null
                ? Replies.TRANSACTION_FAILED : Replies.forOutcome(queueId, outcome);
        if (outcome instanceof DeliveryOutcome.Accepted) {
            envelope.messageAccepted();
        }
        transaction.reset();
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

    private void auth(String argument) {
        if (!esmtp || helloNeeded) {
            reply(Replies.AUTH_NEEDS_EHLO);
            return;
        }
        authReplied(auth.auth(argument, tls != null, transaction.hasSender()));
    }

    /** A line answering a 334 challenge: never run as a command, never logged (it holds a password). */
    private void authResponse(String line) {
        LOG.fine(() -> session() + " <<< (AUTH response)");
        authReplied(auth.respond(line));
    }

    private void authReplied(Reply reply) {
        if (auth.exhausted()) {
            LOG.info(() -> session() + ": " + AuthCommand.MAX_FAILURES + " failed AUTH attempts, closing");
            closeWith(reply);
            return;
        }
        if (reply == Replies.AUTH_SUCCEEDED) {
            LOG.fine(() -> session() + ": authenticated as " + auth.user());
        }
        reply(reply);
    }

    private boolean offersStartTls() {
        return settings.tls().context() != null && !tlsStarted;
    }

    private void startTls(String argument) {
        if (!argument.isEmpty()) {
            reply(Replies.NO_PARAMETERS_ALLOWED);
            return;
        }
        if (tlsStarted) {
            reply(Replies.TLS_ALREADY_ACTIVE);
            return;
        }
        if (settings.tls().context() == null) {
            reply(Replies.TLS_NOT_AVAILABLE);
            return;
        }
        int injected = decoder.heldBytes();
        if (injected > 0) {
            switch (settings.tls().injection()) {
                case REJECT -> {
                    LOG.warning(() -> session() + ": " + injected + " bytes pipelined after STARTTLS "
                            + "(CVE-2011-0411); Starttls_Injection_Policy = reject, connection dropped");
                    decoder.discardInput();
                    closeWith(Replies.startTlsInjection(settings.bannerHostname()));
                    return;
                }
                case IGNORE -> LOG.warning(() -> session() + ": " + injected + " bytes pipelined after STARTTLS "
                        + "(CVE-2011-0411) thrown away; Starttls_Injection_Policy = ignore");
                case ALLOW -> LOG.fine(() -> session() + ": " + injected + " bytes pipelined after STARTTLS thrown "
                        + "away (never run inside TLS)");
            }
        }
        decoder.discardInput();
        reply(Replies.READY_TO_START_TLS);
        ctx.flush();
        // The 220 is queued in plain text; from here on every byte read goes through TLS first.
        ctx.pipeline().addFirst(SmtpProtocol.TLS, settings.tls().context().newHandler(ctx.alloc()));
        tlsStarted = true;
        transaction.reset();
        auth.reset();
        heloName = "";
        esmtp = false;
        helloNeeded = true;
    }

    private void handshaken(SslHandshakeCompletionEvent event) {
        if (state == State.CLOSED) {
            return;
        }
        if (!event.isSuccess()) {
            LOG.fine(() -> session() + ": TLS handshake failed: " + event.cause());
            state = State.CLOSED;
            transaction.reset();
            decoder.pause();
            if (!settings.tls().implicit() && ctx.channel().isActive()) {
                // A client that never began TLS (it went on in plain text) can still read this.
                ChannelHandlerContext beforeTls = ctx.pipeline().context(SmtpProtocol.TLS);
                if (beforeTls != null) {
                    beforeTls.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(),
                            Replies.TLS_NEGOTIATION_FAILED.render(enhancedCodes)));
                }
            }
            ctx.close();
            return;
        }
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        tls = new SessionInfo.Tls(session.getProtocol(), session.getCipherSuite(),
                TlsContexts.verifiedClientSubject(session));
        LOG.fine(() -> session() + ": TLS " + tls.protocol() + " " + tls.cipherSuite()
                + (tls.clientSubject() != null ? ", client " + tls.clientSubject() : ""));
        if (settings.tls().implicit()) {
            greet();
        }
    }

    private void rset(String argument) {
        if (!argument.isEmpty()) {
            reply(Replies.RSET_ARGUMENTS);
            return;
        }
        transaction.reset();
        reply(Replies.OK);
    }

    private void quit(String argument) {
        if (!argument.isEmpty()) {
            reply(Replies.NO_PARAMETERS_ALLOWED);
            return;
        }
        closeWith(Replies.closing(settings.bannerHostname()));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ListenerClosing.EVENT) {
            listenerClosing();
        } else if (event instanceof IdleStateEvent idle) {
            idle(idle);
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            handshaken(handshake);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void listenerClosing() {
        if (state == State.DELIVERING) {
            closeAfterDelivery = true;
        } else if (state != State.CLOSED) {
            closeWith(Replies.shuttingDown(settings.bannerHostname()));
        }
    }

    private void idle(IdleStateEvent event) {
        if (event.state() == IdleState.WRITER_IDLE || state == State.CLOSED) {
            return;
        }
        if (state == State.DELIVERING || congested != null) {
            // The client is waiting for us, not the other way round.
            return;
        }
        LOG.fine(() -> session() + ": idle for " + settings.idleTime() + ", closing");
        closeWith(Replies.idleTimeout(settings.bannerHostname()));
    }

    /** Sends a last reply and closes; a message still being received is dropped, never acknowledged. */
    private void closeWith(Reply last) {
        state = State.CLOSED;
        transaction.reset();
        decoder.pause();
        reply(last).addListener(ChannelFutureListener.CLOSE);
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.DATA) {
            LOG.fine(() -> session() + ": connection lost during DATA; message " + transaction.queueId() + " dropped");
        }
        state = State.CLOSED;
        transaction.reset();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // Resets and broken pipes are how many clients end a session; a failed handshake is told above.
            LOG.fine(() -> session() + ": " + cause);
        } else {
            LOG.log(Level.WARNING, session() + ": unexpected failure, closing the session", cause);
        }
        if (state != State.CLOSED) {
            state = State.CLOSED;
            transaction.reset();
            decoder.pause();
            ctx.close();
        }
    }

    private ChannelFuture reply(Reply reply) {
        LOG.fine(() -> session() + " >>> " + reply);
        return ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), reply.render(enhancedCodes)));
    }

    private void updateAutoRead() {
        if (state != State.CLOSED) {
            ctx.channel().config().setAutoRead(state != State.DELIVERING && congested == null);
        }
    }

    private void resetIdleTimer() {
        SessionLoop.resetIdleTimer(ctx);
    }

    private void onEventLoop(Runnable task) {
        SessionLoop.execute(ctx, task, LOG, this::session);
    }

    private SessionInfo sessionInfo() {
        Channel channel = ctx.channel();
        return new SessionInfo(settings.listenerName(), Protocol.ESMTP, channel.localAddress(),
                ClientAddress.of(channel), heloName, tls, settings.context(), auth.user());
    }

    private String session() {
        return settings.listenerName() + " " + ClientAddress.of(ctx.channel());
    }
}
