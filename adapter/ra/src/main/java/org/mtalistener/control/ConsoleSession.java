package org.mtalistener.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.SaslExchange;
import org.mtalistener.auth.SaslStep;
import org.mtalistener.net.ProtocolSession;

/**
 * One console connection: authentication, authorization, then one command at a time. A command runs on a
 * container thread (it may read files or call the MDB); meanwhile the session reads nothing, so pipelined requests
 * are answered in order.
 */
final class ConsoleSession extends ProtocolSession {

    private static final Logger LOG = Logger.getLogger(ConsoleSession.class.getName());
    static final int MAX_AUTH_FAILURES = 3;
    static final String NOT_AUTHORIZED = "Not Authorized for this command\n";
    static final String UNKNOWN = "Unknown command\n";

    private final ConsoleSettings settings;
    private final CommandRunner commands;
    private final Executor workers;
    private final ConsoleDecoder decoder;
    private String user;
    private SaslExchange exchange;
    private int failures;
    private boolean running;

    ConsoleSession(ConsoleSettings settings, CommandRunner commands, Executor workers, ConsoleDecoder decoder) {
        super(LOG, decoder);
        this.settings = settings;
        this.commands = commands;
        this.workers = workers;
        this.decoder = decoder;
    }

    /** The console has no greeting: it only learns who the client is, if the socket tells. */
    @Override
    protected void opened() {
        Channel channel = ctx().channel();
        boolean unix = isUnix(channel.remoteAddress()) || isUnix(channel.localAddress());
        user = settings.auth().initialUser(() -> PeerUser.of(channel), unix);
        LOG.fine(() -> settings.listener() + ": console session from " + remote()
                + (user != null ? " as " + user : ", not authenticated yet"));
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
            String[] parts = payload.strip().split(" ", 2);
            Mechanism mechanism = Mechanism.find(parts[0]);
            Credentials credentials = mechanism == null ? null : settings.auth().mechanisms().get(mechanism);
            if (credentials == null || settings.auth().alwaysDeny()) {
                failed(parts[0]);
                return;
            }
            exchange = mechanism.exchange(credentials, settings.hostname(), "console");
            byte[] initial = parts.length > 1 ? base64(parts[1]) : null;
            step(parts.length > 1 && initial == null ? SaslStep.MALFORMED : exchange.start(initial));
        } else if (payload.strip().equals("*")) {
            exchange = null;
            write(ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered()));
        } else {
            byte[] response = base64(payload.strip());
            step(response == null ? SaslStep.MALFORMED : exchange.next(response));
        }
    }

    private void step(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            write(ConsoleWire.challenge(ctx().alloc(), Base64.getEncoder().encodeToString(challenge.data())));
        } else if (step instanceof SaslStep.Success success) {
            exchange = null;
            failures = 0;
            user = success.user();
            LOG.info(() -> settings.listener() + ": " + remote() + " authenticated as " + user);
            write(ConsoleWire.text(ctx().alloc(), "Authenticated as " + user + "\n"));
        } else {
            failed(step instanceof SaslStep.Malformed ? "a malformed response" : "the credentials");
        }
    }

    private void failed(String what) {
        exchange = null;
        failures++;
        LOG.warning(() -> settings.listener() + ": authentication failed for " + remote() + " (" + what + ", attempt "
                + failures + " of " + MAX_AUTH_FAILURES + ")");
        ByteBuf required = ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered());
        if (failures >= MAX_AUTH_FAILURES) {
            closeWith(required);
        } else {
            write(required);
        }
    }

    private void command(String line) {
        exchange = null; // a command abandons an exchange in progress
        if (user == null) {
            write(ConsoleWire.authRequired(ctx().alloc(), settings.auth().offered()));
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
            LOG.info(() -> settings.listener() + ": " + user + "@" + remote() + " is not authorized for \"" + trimmed
                    + "\"");
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
        LOG.fine(() -> settings.listener() + ": " + command.user() + "@" + command.remote() + " runs \""
                + command.line() + "\"");
        try {
            String output = commands.run(command);
            if (output == null) {
                return UNKNOWN;
            }
            return output.isEmpty() || output.endsWith("\n") ? output : output + "\n";
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, settings.listener() + ": \"" + command.line() + "\" failed", e);
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
