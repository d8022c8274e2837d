package org.mtalistener.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.DomainSocketAddress;
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
import org.mtalistener.log.ClientText;
import org.mtalistener.net.ProtocolSession;

/**
 * One console connection: authentication, authorization, then one command at a time. A command runs on a
 * container thread (it may read files or call the MDB); meanwhile the session reads nothing, so pipelined requests
 * are answered in order. A client that has not logged in gets {@link #LOGIN_TIME} between answers to do so, and its
 * login attempts wait their turn at the listener's {@link LoginThrottle}.
 */
final class ConsoleSession extends ProtocolSession {

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
    private ScheduledFuture<?> loginDeadline;
    private String user;
    private SaslExchange exchange;
    private int failures;
    private boolean running; // a command or a throttled login attempt is under way: the client is not idle

    ConsoleSession(ConsoleSettings settings, CommandRunner commands, Executor workers, ConsoleDecoder decoder,
                   LoginThrottle throttle) {
        super(LOG, decoder, settings.timeout());
        this.settings = settings;
        this.commands = commands;
        this.workers = workers;
        this.decoder = decoder;
        this.throttle = throttle;
    }

    /** The console has no greeting: it only learns who the client is, if the socket tells. */
    @Override
    protected void opened() {
        Channel channel = ctx().channel();
        boolean unix = isUnix(channel.remoteAddress()) || isUnix(channel.localAddress());
        user = settings.auth().initialUser(() -> PeerUser.of(channel), unix);
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
        if (user == null && !closed()) {
            loginDeadline = ctx().executor().schedule(this::loginTimedOut, LOGIN_TIME.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void loginTimedOut() {
        if (user != null || closed() || running) {
            return;
        }
        LOG.fine(() -> settings.listener() + ": " + remote() + " did not log in within " + LOGIN_TIME.toSeconds()
                + " s, closed");
        closeWith(ConsoleWire.text(ctx().alloc(), LOGIN_TIMED_OUT));
    }

    private static boolean isUnix(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress || address instanceof DomainSocketAddress;
    }

    @Override
    protected void read(Object msg) {
        if (msg instanceof ConsoleRequest.Bad bad) {
            LOG.fine(() -> settings.listener() + ": " + remote() + " sent a bad frame: " + bad.problem());
            closeWith(ConsoleWire.text(ctx().alloc(), "Bad frame: " + bad.problem() + "\n"));
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
                LOG.warning(() -> settings.listener() + ": login attempt from " + remote() + " refused: its address "
                        + "failed too often (next turn in " + turn.delay().toSeconds() + " s)");
                closeWith(ConsoleWire.text(ctx().alloc(), TOO_MANY_FAILURES));
            } else if (turn.delay().isZero()) {
                begin(payload);
            } else {
                hold(() -> begin(payload), turn.delay());
            }
        } else if (payload.strip().equals("*")) {
            exchange = null;
            write(ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered()));
        } else {
            byte[] response = base64(payload.strip());
            step(response == null ? SaslStep.MALFORMED : exchange.next(response));
        }
    }

    /** Reads nothing until {@code attempt} has run, {@code delay} from now. */
    private void hold(Runnable attempt, Duration delay) {
        running = true;
        updateReading();
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
        }
        ctx().executor().schedule(() -> {
            running = false;
            if (closed()) {
                return;
            }
            attempt.run();
            if (!running) {
                readAgain();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
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
            write(ConsoleWire.challenge(ctx().alloc(), Base64.getEncoder().encodeToString(challenge.data())));
        } else if (step instanceof SaslStep.Success success) {
            exchange = null;
            failures = 0;
            user = success.user();
            throttle.succeeded(clientAddress());
            LOG.info(() -> settings.listener() + ": " + remote() + " authenticated as " + ClientText.quoted(user));
            write(ConsoleWire.text(ctx().alloc(), "Authenticated as " + user + "\n"));
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
        ByteBuf required = ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered());
        if (failures >= MAX_AUTH_FAILURES) {
            closeWith(required);
        } else {
            write(required);
            armLoginDeadline();
        }
    }

    private void command(String line) {
        exchange = null; // a command abandons an exchange in progress
        if (user == null) {
            write(ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered()));
            armLoginDeadline();
            return;
        }
        String trimmed = line.strip();
        if (trimmed.equalsIgnoreCase("quit")) {
            close();
            return;
        }
        if (trimmed.isEmpty()) {
            write(ConsoleWire.text(ctx().alloc(), ""));
            return;
        }
        if (settings.permissions() != null && !settings.permissions().allows(user, trimmed)) {
            LOG.info(() -> settings.listener() + ": " + user + "@" + remote() + " is not authorized for "
                    + ClientText.quoted(trimmed));
            write(ConsoleWire.text(ctx().alloc(), NOT_AUTHORIZED));
            return;
        }
        ControlCommand command = new ControlCommand(trimmed, Words.of(trimmed), user, settings.listener(), remote());
        running = true;
        updateReading();
        try {
            workers.execute(() -> {
                String output = run(command);
                onEventLoop(() -> answered(output));
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
        if (!ctx().channel().isActive()) {
            return;
        }
        write(ConsoleWire.text(ctx().alloc(), output));
        readAgain();
    }

    private void write(ByteBuf frame) {
        ctx().writeAndFlush(frame);
    }

    /** A command runs: our command is slow, not the client; a closing listener lets its output go out first. */
    @Override
    protected boolean awaitsAnswer() {
        return running;
    }

    @Override
    protected boolean readsNow() {
        return !running;
    }

    @Override
    protected void idle() {
        if (decoder.holdsPartialRequest()) {
            closeWith(ConsoleWire.text(ctx().alloc(), "Bad frame: incomplete request after "
                    + settings.timeout().toSeconds() + " s\n"));
        } else {
            LOG.fine(() -> settings.listener() + ": " + remote() + " idle for " + settings.timeout().toSeconds()
                    + " s, closed");
            close();
        }
    }

    @Override
    protected void listenerClosing() {
        close();
    }

    @Override
    protected void logFailure(Throwable cause) {
        LOG.log(Level.FINE, settings.listener() + ": console session with " + remote() + " failed", cause);
    }

    @Override
    public String name() {
        return settings.listener() + " " + remote();
    }

    /** Whose failed logins count together: the client's IP address, or the socket a local client came through. */
    private String clientAddress() {
        SocketAddress address = ctx().channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(ctx().channel().localAddress());
    }

    private String remote() {
        Channel channel = ctx().channel();
        SocketAddress address = channel.remoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString()) + ":"
                    + inet.getPort();
        }
        SocketAddress local = channel.localAddress();
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
