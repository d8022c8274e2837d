package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.mail.MailDate;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ProtocolSession;
import org.mtalistener.smtp.SmtpInputDecoder.Signal;

/**
 * The server side of one ESMTP session (RFC 5321 with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES, STARTTLS,
 * AUTH, CHUNKING, SMTPUTF8 and the trusted peers' XCLIENT, XREMOTEIP, XDUMPCONTEXT, XSETCONTEXT): takes lines and
 * content from {@link SmtpInputDecoder} and answers them in order. Its parts: the command lines
 * ({@link SmtpCommands}) with the envelope commands ({@link EnvelopeCommands}), AUTH ({@link AuthExchange}), STARTTLS
 * and the handshake ({@link StartTls}), the trusted peers' commands ({@link TrustedPeerCommands}), and the content
 * with its delivery ({@link ContentCommands}); they see the session through {@link SessionPort}. The session holds
 * the state between them; greeting, idle time, the listener's closing and failures follow {@link ProtocolSession}.
 *
 * <p>Each part is made when the client first needs it, and what every session of the listener shares stays with the
 * {@link SmtpProtocol}: a session that was greeted and says nothing holds little more than its settings (a busy
 * relay, or a client that means harm, holds thousands of them open).
 *
 * <p>Everything here runs on the channel's event loop and never blocks it; a delivery completes on another thread
 * and comes back to the loop. Replies are written as commands are processed and flushed once the read is complete
 * ({@link ProtocolSession#send}) or before the session waits for the MDB, so a pipelined group gets its replies in
 * one write.
 */
final class SmtpSession extends ProtocolSession implements SessionPort {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    enum State {
        COMMANDS,
        DATA,
        /** the octets of a BDAT chunk are being read */
        CHUNK,
        /** a message is with the deliverer; input is held back until its reply is out */
        DELIVERING,
        /** a recipient is with the MDB's check (Recipient_Check); input is held back until its reply is out */
        CHECKING
    }

    /** The listener's: its deliverer, recipient check, content buffers, queue ids and clock. */
    private final SmtpProtocol listener;
    private final SmtpInputDecoder decoder;
    private final Function<SocketAddress, SmtpSettings> lookup;
    /**
     * The settings of the connection's own client: its TLS, its AUTH, its trusted extensions and its context stay
     * the session's when a trusted peer's XREMOTEIP names another client.
     */
    private final SmtpSettings connection;
    /** The client's settings; a trusted peer's XCLIENT or XREMOTEIP names another client, with settings of its own. */
    private SmtpSettings settings;
    private State state = State.COMMANDS;
    private boolean greeted;

    // The parts, each made when first used (null until then).
    private Transaction transaction;
    private ClientHello hello;
    private SmtpCommands commands;
    private EnvelopeCommands envelope;
    private AuthExchange auth;
    private StartTls startTls;
    private TrustedPeerCommands trustedPeer;
    private MessageReception reception;
    private ContentCommands content;
    private RcptCheck rcptCheck;

    SmtpSession(SmtpProtocol listener, SmtpSettings settings, SmtpInputDecoder decoder,
                Function<SocketAddress, SmtpSettings> lookup) {
        super(LOG, decoder, settings.idleTime());
        this.listener = listener;
        this.decoder = decoder;
        this.lookup = lookup;
        this.connection = settings;
        this.settings = settings;
    }

    // --- the parts, made when first used

    Transaction transaction() {
        if (transaction == null) {
            transaction = new Transaction();
        }
        return transaction;
    }

    EnvelopeCommands envelope() {
        if (envelope == null) {
            envelope = new EnvelopeCommands(settings, transaction());
        }
        return envelope;
    }

    AuthExchange auth() {
        if (auth == null) {
            auth = new AuthExchange(this, new AuthCommand(connection.auth(), connection.bannerHostname()));
        }
        return auth;
    }

    StartTls startTls() {
        if (startTls == null) {
            startTls = new StartTls(this, connection.tls(), decoder);
        }
        return startTls;
    }

    TrustedPeerCommands trustedPeer() {
        if (trustedPeer == null) {
            trustedPeer = new TrustedPeerCommands(this, lookup, connection);
        }
        return trustedPeer;
    }

    ContentCommands content() {
        if (content == null) {
            reception = new MessageReception(this, LOG, listener.deliverer(), listener.contentBuffers(),
                    listener.queueIds());
            content = new ContentCommands(this, transaction(), decoder, reception, listener.clock());
        }
        return content;
    }

    RcptCheck rcptCheck() {
        if (rcptCheck == null) {
            rcptCheck = new RcptCheck(this, transaction(), envelope(), listener.checker());
        }
        return rcptCheck;
    }

    /** Whether the client's recipients go to the MDB: Recipient_Check for this client, and the MDB has a check. */
    boolean checksRecipients() {
        return listener.checker() != null && settings.policy().recipientCheck();
    }

    /** The authenticated user; null until AUTH succeeded (or Always_Allow's anonymous one). */
    String user() {
        return auth != null ? auth.user() : connection.auth().initialUser();
    }

    /** Whether the next line answers a 334 challenge rather than being a command. */
    private boolean authInProgress() {
        return auth != null && auth.inProgress();
    }

    /** The mechanisms EHLO lists. */
    List<String> authOffered(boolean tls) {
        return auth != null ? auth.offered(tls) : AuthCommand.offered(connection.auth(), tls);
    }

    /** Whether EHLO offers STARTTLS. */
    boolean startTlsOffered() {
        return startTls != null ? startTls.offered() : connection.tls().context() != null;
    }

    /** The settings of the connection's own client (see {@link #connection}). */
    SmtpSettings connectionSettings() {
        return connection;
    }

    @Override
    protected void opened() {
        greet();
    }

    @Override
    public void greet() {
        if (connection.tls().implicit() && startTls().greetingWaits()) {
            return;
        }
        if (!greeted) {
            greeted = true;
            String banner = settings.policy().staticBanner();
            reply(banner != null ? Replies.staticGreeting(banner)
                    : Replies.greeting(settings.bannerHostname(), MailDate.now(listener.clock())));
        }
    }

    @Override
    protected void read(Object msg) {
        if (msg instanceof ByteBuf chunk) {
            if (state == State.DATA || state == State.CHUNK) {
                content.content(chunk);
            } else {
                chunk.release();
            }
        } else if (msg instanceof String line) {
            if (authInProgress()) {
                auth.response(line);
            } else {
                if (commands == null) {
                    commands = new SmtpCommands(this);
                }
                commands.run(line);
            }
        } else if (msg == Signal.END_OF_DATA) {
            if (state == State.DATA) {
                content.endOfData();
            }
        } else if (msg == Signal.END_OF_CHUNK) {
            if (state == State.CHUNK) {
                content.endOfChunk();
            }
        } else if (msg == Signal.LINE_TOO_LONG) {
            reply(Replies.LINE_TOO_LONG);
        } else if (msg == Signal.BARE_NEWLINE) {
            LOG.fine(() -> name() + ": a command line with a bare CR or LF, closing (Bare_Newline_Policy = reject)");
            closeWith(Replies.bareNewlineInCommand(settings.bannerHostname()));
        } else if (msg == Signal.TOO_SLOW) {
            LOG.fine(() -> name() + ": too slow for " + settings.idleTime() + " a request, closing");
            closeWith(Replies.tooSlow(settings.bannerHostname()));
        } else {
            ctx().fireChannelRead(msg);
        }
    }

    @Override
    protected void event(Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            startTls().handshaken(handshake);
        } else {
            super.event(event);
        }
    }

    @Override
    protected void listenerClosing() {
        closeWith(Replies.shuttingDown(settings.bannerHostname()));
    }

    @Override
    protected void idle() {
        if (congested()) {
            // The client is waiting for us, not the other way round.
            return;
        }
        LOG.fine(() -> name() + ": idle for " + settings.idleTime() + ", closing");
        closeWith(Replies.idleTimeout(settings.bannerHostname()));
    }

    @Override
    public void closeWith(Reply last) {
        counted(last);
        closeWith(render(last));
    }

    @Override
    protected void ended() {
        if (transaction != null) {
            transaction.reset();
        }
    }

    @Override
    protected void disconnected(boolean unexpectedly) {
        if (transaction == null) {
            return;
        }
        if (transaction.queueId() != null && state != State.DELIVERING) {
            LOG.fine(() -> name() + ": connection lost during DATA or BDAT; message " + transaction.queueId()
                    + " dropped");
        }
        transaction.reset();
    }

    /** Whether reading waits for the disk to catch up with the content. */
    private boolean congested() {
        return reception != null && reception.congested();
    }

    /** A reply of the listener's own: a 4xx or 5xx counts as the listener's refusal. */
    @Override
    public void reply(Reply reply) {
        counted(reply);
        send(render(reply));
    }

    private void counted(Reply reply) {
        if (reply.code() >= 400) {
            listener.refused();
        }
    }

    private ByteBuf render(Reply reply) {
        LOG.fine(() -> name() + " >>> " + reply);
        return ByteBufUtil.writeAscii(ctx().alloc(), reply.render(enhancedCodes()));
    }

    @Override
    public void flush() {
        flushNow();
    }

    /** Whether the session waits for the MDB: a delivery or a recipient check is out. */
    @Override
    protected boolean awaitsAnswer() {
        return state == State.DELIVERING || state == State.CHECKING;
    }

    @Override
    protected boolean readsNow() {
        return !awaitsAnswer() && !congested();
    }

    /** The disk holds the socket only: content the decoder frames meanwhile still goes to the buffer. */
    @Override
    protected boolean decodesNow() {
        return !awaitsAnswer();
    }

    @Override
    public SessionInfo sessionInfo() {
        Channel channel = ctx().channel();
        SocketAddress local = trustedPeer != null ? trustedPeer.localAddress() : null;
        Map<String, String> context = trustedPeer != null ? trustedPeer.context() : connection.context();
        return new SessionInfo(settings.listenerName(), Protocol.ESMTP, local != null ? local : channel.localAddress(),
                ClientAddress.of(channel), hello().name(), tls(), context, user());
    }

    // --- what the parts of the session read and do

    @Override
    public SmtpSettings settings() {
        return settings;
    }

    @Override
    public boolean enhancedCodes() {
        return settings.policy().enhancedStatusCodes();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void enter(State next) {
        state = next;
    }

    @Override
    public ClientHello hello() {
        if (hello == null) {
            hello = new ClientHello();
        }
        return hello;
    }

    @Override
    public String clientName() {
        return trustedPeer != null ? trustedPeer.clientName() : null;
    }

    @Override
    public SocketAddress client() {
        return ClientAddress.of(ctx().channel());
    }

    @Override
    public void serve(SocketAddress client) {
        ClientAddress.set(ctx().channel(), client);
    }

    @Override
    public SocketAddress socketLocalAddress() {
        return ctx().channel().localAddress();
    }

    @Override
    public Channel channel() {
        return ctx().channel();
    }

    @Override
    public void become(SmtpSettings next) {
        settings = next;
        envelope().settings(next);
    }

    @Override
    public void restart(SmtpSettings next, String login) {
        String user = login == null ? user() : login.isEmpty() ? null : login;
        become(next);
        transaction().reset();
        auth().restart(new AuthCommand(next.auth(), next.bannerHostname()), user);
        hello().forget();
        greeted = false;
        greet();
    }

    @Override
    public SessionInfo.Tls tls() {
        return startTls != null ? startTls.tls() : null;
    }

    @Override
    public void startAfresh() {
        transaction().reset();
        if (auth != null) {
            auth.reset();
        }
        hello().forget();
    }

    @Override
    public void abandon() {
        abort();
    }

    @Override
    public void answered(Reply reply, boolean accepted) {
        if (accepted) {
            envelope().messageAccepted();
        }
        resume(reply);
    }

    @Override
    public void resume(Reply reply) {
        state = State.COMMANDS;
        // the MDB's answer (a delivery's outcome, a recipient's verdict), which the deliverer counts
        send(render(reply));
        readAgain();
    }

    @Override
    public String name() {
        return settings.listenerName() + " " + ClientAddress.of(ctx().channel());
    }
}
