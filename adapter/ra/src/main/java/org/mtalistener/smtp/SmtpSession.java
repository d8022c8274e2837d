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
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.SessionLoop;
import org.mtalistener.smtp.SmtpInputDecoder.Signal;

/**
 * The server side of one ESMTP session (RFC 5321 with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES, STARTTLS and
 * AUTH): takes lines and content from {@link SmtpInputDecoder} and answers them in order. Its parts: the envelope
 * commands ({@link EnvelopeCommands}), AUTH ({@link AuthCommand}), STARTTLS and the handshake ({@link StartTls}),
 * and the content with its delivery ({@link MessageReception}); the session keeps the state between them.
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
        CLOSED
    }

    private final SmtpSettings settings;
    private final Clock clock;
    private final SmtpInputDecoder decoder;

    /** Whether replies carry enhanced status codes: ENHANCEDSTATUSCODES is offered (SMTP_Extensions). */
    private final boolean enhancedCodes;

    private final Transaction transaction = new Transaction();
    private final EnvelopeCommands envelope;
    private final AuthExchange auth;
    private final StartTls startTls;
    private final MessageReception reception;
    private ChannelHandlerContext ctx;
    private State state = State.COMMANDS;
    private boolean greeted;
    private String heloName = "";
    private boolean esmtp;
    /** After STARTTLS: MAIL waits for a new EHLO or HELO. */
    private boolean helloNeeded;
    /** The listener is closing during a delivery: close once that delivery's reply is out. */
    private boolean closeAfterDelivery;

    SmtpSession(SmtpSettings settings, Deliverer deliverer, Supplier<ContentBuffer> contentBuffers,
                QueueIds queueIds, Clock clock, SmtpInputDecoder decoder) {
        this.settings = settings;
        this.clock = clock;
        this.decoder = decoder;
        this.envelope = new EnvelopeCommands(settings, transaction);
        this.enhancedCodes = settings.policy().enhancedStatusCodes();
        this.auth = new AuthExchange(this, new AuthCommand(settings.auth(), settings.bannerHostname()));
        this.startTls = new StartTls(this, settings.tls(), decoder);
        this.reception = new MessageReception(this, transaction, decoder, deliverer, contentBuffers, queueIds, clock);
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
                command(line);
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
            case RCPT -> reply(transaction.chunked() ? Replies.RCPT_AFTER_BDAT
                    : envelope.rcpt(argument, auth.user() != null));
            case DATA -> reception.data(argument);
            case BDAT -> {
                if (offers(SmtpExtension.CHUNKING)) {
                    reception.bdat(argument);
                } else {
                    reply(Replies.UNRECOGNIZED_COMMAND);
                }
            }
            case RSET -> rset(argument);
            case NOOP -> reply(Replies.OK);
            case QUIT -> quit(argument);
            case VRFY -> reply(argument.isEmpty() ? Replies.VRFY_ARGUMENT_MISSING : Replies.CANNOT_VRFY);
            case HELP -> reply(Replies.HELP);
            case STARTTLS -> startTls.command(argument);
            case AUTH -> auth.auth(argument, esmtp && !helloNeeded, tls() != null, transaction.hasSender());
            case INVALID -> reply(Replies.INVALID_CHARACTERS);
            case XCLIENT, XREMOTEIP, XDUMPCONTEXT, XSETCONTEXT, UNKNOWN -> reply(Replies.UNRECOGNIZED_COMMAND);
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

    private boolean offers(SmtpExtension extension) {
        return policy().offers(extension);
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
        reply(extended ? Replies.ehlo(host, client, settings.maxMessageSize(), startTls.offered(),
                auth.offered(tls() != null), enhancedCodes, policy().extensions())
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
            startTls.handshaken(handshake);
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
        if (state == State.DELIVERING || reception.congested()) {
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
        if (cause instanceof IOException
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
        return ctx.write(ByteBufUtil.writeAscii(ctx.alloc(), reply.render(enhancedCodes)));
    }

    void updateAutoRead() {
        if (state != State.CLOSED) {
            ctx.channel().config().setAutoRead(state != State.DELIVERING && !reception.congested());
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
        return new SessionInfo(settings.listenerName(), Protocol.ESMTP, channel.localAddress(),
                ClientAddress.of(channel), heloName, tls(), settings.context(), auth.user());
    }

    // --- what the parts of the session read and do

    ChannelHandlerContext ctx() {
        return ctx;
    }

    SmtpSettings settings() {
        return settings;
    }

    boolean enhancedCodes() {
        return enhancedCodes;
    }

    State state() {
        return state;
    }

    boolean closed() {
        return state == State.CLOSED;
    }

    void enter(State next) {
        state = next;
    }

    String heloName() {
        return heloName;
    }

    boolean esmtp() {
        return esmtp;
    }

    SessionInfo.Tls tls() {
        return startTls.tls();
    }

    /** After STARTTLS: no transaction, no authentication, EHLO or HELO again (RFC 3207 section 4.2). */
    void startAfresh() {
        transaction.reset();
        auth.reset();
        heloName = "";
        esmtp = false;
        helloNeeded = true;
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
