package org.mtalistener.control;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.SaslExchange;
import org.mtalistener.auth.SaslStep;
import org.mtalistener.net.ClientText;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.SessionLoop;

/**
 * One console connection: authentication, authorization, then one command at a time. A command runs on a
 * container thread (it may read files or call the MDB); meanwhile the session reads nothing, so pipelined requests
 * are answered in order. A client that has not logged in gets {@link #LOGIN_TIME} between answers to do so, and its
 * login attempts wait their turn at the listener's {@link LoginThrottle}.
 */
final class ConsoleSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConsoleSession.class.getName());
    static final int MAX_AUTH_FAILURES = 3;
    static final String NOT_AUTHORIZED = "Not Authorized for this command\n";
    static final String UNKNOWN = "Unknown command\n";
    static final String TOO_MANY_FAILURES = "Too many failed logins from your address; try again later\n";
    static final String LOGIN_TIMED_OUT = "Not authenticated in time\n";
    /** How long a client that has not logged in may take for its next step. */
    static final Duration LOGIN_TIME = Duration.ofSeconds(10);

    private final ConsoleSettings settings;
    private final CommandRunner commands;
    private final Executor workers;
    private final ConsoleDecoder decoder;
    private final LoginThrottle throttle;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> loginDeadline;
    private String user;
    private SaslExchange exchange;
    private int failures;
    private boolean running; // a command or a throttled login attempt is under way: the client is not idle
    private boolean closing;

    ConsoleSession(ConsoleSettings settings, CommandRunner commands, Executor workers, ConsoleDecoder decoder,
                   LoginThrottle throttle) {
        this.settings = settings;
        this.commands = commands;
        this.workers = workers;
        this.decoder = decoder;
        this.throttle = throttle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // behind a PROXY header the session is added to a channel already active
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (this.ctx == null) {
            start(ctx);
        }
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        boolean unix = isUnix(ctx.channel().remoteAddress()) || isUnix(ctx.channel().localAddress());
        user = settings.auth().initialUser(() -> PeerUser.of(ctx.channel()), unix);
        LOG.fine(() -> settings.listener() + ": console session from " + remote()
                + (user != null ? " as " + ClientText.quoted(user) : ", not authenticated yet"));
        armLoginDeadline();
    }

    /** While nobody is logged in, the client has {@link #LOGIN_TIME} from our last answer to take its next step. */
    private void armLoginDeadline() {
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
            loginDeadline = null;
        }
        if (user == null && !closing) {
            loginDeadline = ctx.executor().schedule(this::loginTimedOut, LOGIN_TIME.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void loginTimedOut() {
        if (user != null || closing || running || !ctx.channel().isActive()) {
            return;
        }
        closing = true;
        LOG.fine(() -> settings.listener() + ": " + remote() + " did not log in within " + LOGIN_TIME.toSeconds()
                + " s, closed");
        ctx.writeAndFlush(ConsoleWire.text(ctx.alloc(), LOGIN_TIMED_OUT)).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isUnix(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress || address instanceof DomainSocketAddress;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof ConsoleRequest.Bad bad) {
            closing = true;
            LOG.fine(() -> settings.listener() + ": " + remote() + " sent a bad frame: " + bad.problem());
            ctx.writeAndFlush(ConsoleWire.text(ctx.alloc(), "Bad frame: " + bad.problem() + "\n"))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof ConsoleRequest.Auth auth) {
            auth(auth.payload());
        } else if (msg instanceof ConsoleRequest.Command command) {
            command(command.line());
        }
    }

    private void auth(String payload) {
        if (exchange == null) {
            LoginThrottle.Admission turn = throttle.admit(clientAddress());
            if (turn.refused()) {
                closing = true;
                LOG.warning(() -> settings.listener() + ": login attempt from " + remote() + " refused: its address "
                        + "failed too often (next turn in " + turn.delay().toSeconds() + " s)");
                ctx.writeAndFlush(ConsoleWire.text(ctx.alloc(), TOO_MANY_FAILURES))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (turn.delay().isZero()) {
                begin(payload);
            } else {
                hold(() -> begin(payload), turn.delay());
            }
        } else if (payload.strip().equals("*")) {
            exchange = null;
            write(ConsoleWire.authRequired(ctx.alloc(), settings.auth().offered()));
        } else {
            byte[] response = base64(payload.strip());
            step(response == null ? SaslStep.MALFORMED : exchange.next(response));
        }
    }

    /** Reads nothing until {@code attempt} has run, {@code wait} from now. */
    private void hold(Runnable attempt, Duration wait) {
        running = true;
        decoder.pause();
        ctx.channel().config().setAutoRead(false);
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
        }
        ctx.executor().schedule(() -> {
            running = false;
            if (closing || !ctx.channel().isActive()) {
                return;
            }
            attempt.run();
            SessionLoop.resetIdleTimer(ctx);
            ctx.channel().config().setAutoRead(true);
            decoder.resume();
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The first frame of a login: the mechanism, maybe with an initial response. */
    private void begin(String payload) {
        String[] parts = payload.strip().split(" ", 2);
        Mechanism mechanism = Mechanism.find(parts[0]);
        Credentials credentials = mechanism == null ? null : settings.auth().mechanisms().get(mechanism);
        if (credentials == null || settings.auth().alwaysDeny()) {
            // Only a mechanism we know is named in the log: the word is the client's.
            failed(mechanism == null ? "an unknown mechanism" : mechanism.name() + ", not offered");
            return;
        }
        exchange = mechanism.exchange(credentials, settings.hostname(), "console");
        byte[] initial = parts.length > 1 ? base64(parts[1]) : null;
        step(parts.length > 1 && initial == null ? SaslStep.MALFORMED : exchange.start(initial));
    }

    private void step(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            write(ConsoleWire.challenge(ctx.alloc(), Base64.getEncoder().encodeToString(challenge.data())));
        } else if (step instanceof SaslStep.Success success) {
            exchange = null;
            failures = 0;
            user = success.user();
            throttle.succeeded(clientAddress());
            armLoginDeadline();
            LOG.info(() -> settings.listener() + ": " + remote() + " authenticated as " + ClientText.quoted(user));
            write(ConsoleWire.text(ctx.alloc(), "Authenticated as " + user + "\n"));
        } else {
            failed(step instanceof SaslStep.Malformed ? "a malformed response" : "the credentials");
            return;
        }
        armLoginDeadline();
    }

    private void failed(String what) {
        exchange = null;
        failures++;
        throttle.failed(clientAddress());
        LOG.warning(() -> settings.listener() + ": authentication failed for " + remote() + " (" + what + ", attempt "
                + failures + " of " + MAX_AUTH_FAILURES + ")");
        ByteBuf required = ConsoleWire.authRequired(ctx.alloc(), settings.auth().offered());
        if (failures >= MAX_AUTH_FAILURES) {
            closing = true;
            ctx.writeAndFlush(required).addListener(ChannelFutureListener.CLOSE);
        } else {
            write(required);
            armLoginDeadline();
        }
    }

    private void command(String line) {
        exchange = null; // a command abandons an exchange in progress
        if (user == null) {
            write(ConsoleWire.authRequired(ctx.alloc(), settings.auth().offered()));
            armLoginDeadline();
            return;
        }
        String trimmed = line.strip();
        if (trimmed.equalsIgnoreCase("quit")) {
            closing = true;
            ctx.close();
            return;
        }
        if (trimmed.isEmpty()) {
            write(ConsoleWire.text(ctx.alloc(), ""));
            return;
        }
        if (settings.permissions() != null && !settings.permissions().allows(user, trimmed)) {
            LOG.info(() -> settings.listener() + ": " + user + "@" + remote() + " is not authorized for "
                    + ClientText.quoted(trimmed));
            write(ConsoleWire.text(ctx.alloc(), NOT_AUTHORIZED));
            return;
        }
        ControlCommand command = new ControlCommand(trimmed, Words.of(trimmed), user, settings.listener(), remote());
        running = true;
        decoder.pause();
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                String output = run(command);
                SessionLoop.execute(ctx, () -> answered(output), LOG, settings::listener);
            });
        } catch (RejectedExecutionException e) {
            answered("Command failed: the server is stopping\n");
        }
    }

    /** On a container thread. */
    private String run(ControlCommand command) {
        LOG.fine(() -> settings.listener() + ": " + command.user() + "@" + command.remote() + " runs "
                + ClientText.quoted(command.line()));
        try {
            String output = commands.run(command);
            if (output == null) {
                return UNKNOWN;
            }
            return output.isEmpty() || output.endsWith("\n") ? output : output + "\n";
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, settings.listener() + ": " + ClientText.quoted(command.line()) + " failed", e);
            return "Command failed: " + e.getMessage() + "\n";
        }
    }

    private void answered(String output) {
        running = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(ConsoleWire.text(ctx.alloc(), output));
        if (closing) {
            ctx.close();
            return;
        }
        SessionLoop.resetIdleTimer(ctx);
        ctx.channel().config().setAutoRead(true);
        decoder.resume();
    }

    private void write(ByteBuf frame) {
        ctx.writeAndFlush(frame);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (running) {
                return; // our command is slow, not the client
            }
            closing = true;
            if (decoder.holdsPartialRequest()) {
                ctx.writeAndFlush(ConsoleWire.text(ctx.alloc(), "Bad frame: incomplete request after "
                        + settings.timeout().toSeconds() + " s\n")).addListener(ChannelFutureListener.CLOSE);
            } else {
                LOG.fine(() -> settings.listener() + ": " + remote() + " idle for " + settings.timeout().toSeconds()
                        + " s, closed");
                ctx.close();
            }
        } else if (evt == ListenerClosing.EVENT) {
            closing = true;
            if (!running) {
                ctx.close();
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, settings.listener() + ": console session with " + remote() + " failed", cause);
        ctx.close();
    }

    /** Whose failed logins count together: the client's IP address, or the socket a local client came through. */
    private String clientAddress() {
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.channel().localAddress());
    }

    private String remote() {
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString()) + ":"
                    + inet.getPort();
        }
        SocketAddress local = ctx.channel().localAddress();
        return local instanceof UnixDomainSocketAddress unix ? unix.getPath().toString() : String.valueOf(local);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
