package org.mtalistener.console;

import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * A session with a console (Control_Listener, docs/console.md), over TCP or a Unix socket; JDK only.
 *
 * <pre>{@code
 * try (ConsoleConnection console = ConsoleConnection.open("127.0.0.1:2025").credentials("john", password)) {
 *     String summary = console.run("summary");
 * }
 * }</pre>
 *
 * <p>{@link #run} authenticates by itself when the server asks and credentials were given, with the best mechanism
 * offered ({@link #PREFERRED}); {@link #request} and {@link #authenticate} show each step instead, for tests of the
 * server. Use a connection from one thread at a time, except that one thread may {@link #send} while another
 * {@link #receive}s (pipelining).
 */
public final class ConsoleConnection implements AutoCloseable {

    /** The mechanisms {@link #run} picks from, best first: DIGEST-MD5 does not send the password. */
    public static final List<String> PREFERRED = List.of("DIGEST-MD5", "CRAM-MD5", "LOGIN");
    /** How long a TCP connect may take when no timeout is given. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The SASL service name, the {@code console} of the DIGEST-MD5 {@code digest-uri console/<host>}. */
    public static final String SASL_SERVICE = "console";

    private static final String QUIT = "quit";
    private static final String AUTHENTICATED_AS = "Authenticated as ";

    private final Endpoint endpoint;
    private final FrameChannel frames;
    private final Duration timeout;
    private String user;
    private char[] password;
    private volatile List<String> mechanisms = List.of();
    private String authenticatedAs;

    private ConsoleConnection(Endpoint endpoint, FrameChannel frames, Duration timeout) {
        this.endpoint = endpoint;
        this.frames = frames;
        this.timeout = timeout;
    }

    /** As {@link #open(Endpoint)}, the endpoint written as the command line takes it ({@link Endpoint#parse}). */
    public static ConsoleConnection open(String endpoint) throws IOException {
        return open(Endpoint.parse(endpoint));
    }

    /** Connects, waiting for replies as long as they take. */
    public static ConsoleConnection open(Endpoint endpoint) throws IOException {
        return open(endpoint, Duration.ZERO);
    }

    /**
     * Connects; {@code timeout} bounds the connect and every wait for a reply
     * ({@link java.net.SocketTimeoutException}), {@link Duration#ZERO} for no bound on replies
     * ({@link #CONNECT_TIMEOUT} on the connect).
     */
    public static ConsoleConnection open(Endpoint endpoint, Duration timeout) throws IOException {
        FrameChannel frames = FrameChannel.connect(endpoint.address(), endpoint.where(),
                timeout.isZero() ? CONNECT_TIMEOUT : timeout, timeout);
        return new ConsoleConnection(endpoint, frames, timeout);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Who {@link #run} authenticates as when the server asks; the password is copied. Returns this. */
    public ConsoleConnection credentials(String user, char[] password) {
        clearPassword();
        this.user = user;
        this.password = password == null ? null : password.clone();
        return this;
    }

    /**
     * Runs one command and returns its output (TEXT or LONG_TEXT), including
     * {@value ConsoleReply#UNKNOWN_COMMAND} and {@value ConsoleReply#NOT_AUTHORIZED} ({@link ConsoleReply#refused()}
     * tells them). When the server answers AUTH_REQUIRED, this authenticates with the {@link #credentials} and runs
     * the command again.
     *
     * @throws AuthenticationException when the server wants authentication and there are no credentials, or it
     *                                 refuses them
     */
    public String run(String command) throws IOException {
        ConsoleReply reply = request(command);
        if (reply.type() == ConsoleReply.Type.AUTH_REQUIRED) {
            if (user == null || password == null) {
                throw new AuthenticationException(endpoint.where() + " wants authentication"
                        + offers(reply.mechanisms()) + " (write the endpoint as user@" + endpoint.where() + ")",
                        reply.mechanisms());
            }
            String mechanism = choose(reply.mechanisms());
            if (mechanism == null) {
                throw new AuthenticationException(endpoint.where() + " wants authentication but offers no "
                        + "mechanism to this client", reply.mechanisms());
            }
            authenticate(mechanism, user, password);
            reply = request(command);
            if (reply.type() == ConsoleReply.Type.AUTH_REQUIRED) {
                throw new AuthenticationException(endpoint.where() + " still wants authentication after accepting "
                        + user, reply.mechanisms());
            }
        }
        if (!reply.isText()) {
            throw new ProtocolException(endpoint.where() + " answered a command with " + reply.type());
        }
        return reply.text();
    }

    /** Sends one command and returns its reply as it is: no authentication, no checks. */
    public ConsoleReply request(String command) throws IOException {
        send(command);
        return receive();
    }

    /**
     * Sends one command without waiting for its reply: pipelining, with {@link #receive} in order. A command of
     * more than 65535 bytes (UTF-8) is an {@link IllegalArgumentException}.
     */
    public void send(String command) throws IOException {
        frames.write(FrameChannel.COMMAND, command);
    }

    /** The next reply, whichever request it answers. */
    public ConsoleReply receive() throws IOException {
        ConsoleReply reply = frames.read();
        if (reply.type() == ConsoleReply.Type.AUTH_REQUIRED) {
            mechanisms = reply.mechanisms();
        }
        return reply;
    }

    /**
     * Authenticates with one mechanism: {@code LOGIN} (written here), or any the JDK's SASL client provides
     * ({@code DIGEST-MD5}, {@code CRAM-MD5}, {@code PLAIN}). A DIGEST-MD5 server's {@code rspauth} is checked; a wrong
     * one cancels the exchange ({@code *}).
     *
     * @return the server's {@code Authenticated as <user>}
     * @throws AuthenticationException when the server refuses (AUTH_REQUIRED) or the exchange is cancelled
     */
    public String authenticate(String mechanism, String user, char[] password) throws IOException {
        String name = mechanism.toUpperCase(Locale.ROOT);
        SaslClient sasl = saslClient(name, user, password);
        try {
            String start = name;
            if (sasl.hasInitialResponse()) {
                start += " " + Base64.getEncoder().encodeToString(sasl.evaluateChallenge(new byte[0]));
            }
            ConsoleReply reply = exchange(start);
            while (reply.type() == ConsoleReply.Type.CHALLENGE) {
                byte[] response;
                try {
                    response = sasl.evaluateChallenge(Base64.getDecoder().decode(reply.text().strip()));
                } catch (SaslException | IllegalArgumentException e) {
                    exchange("*");
                    throw new AuthenticationException(name + " as " + user + " with " + endpoint.where()
                            + " cancelled: " + e.getMessage(), mechanisms);
                }
                reply = exchange(response == null ? "" : Base64.getEncoder().encodeToString(response));
            }
            if (reply.isText() && reply.text().startsWith(AUTHENTICATED_AS)) {
                authenticatedAs = reply.text().substring(AUTHENTICATED_AS.length()).strip();
                return reply.text().strip();
            }
            if (reply.type() == ConsoleReply.Type.AUTH_REQUIRED) {
                throw new AuthenticationException(endpoint.where() + " refused " + name + " authentication as "
                        + user, reply.mechanisms());
            }
            throw new AuthenticationException(endpoint.where() + " answered " + name + " authentication with: "
                    + reply.text().strip(), mechanisms);
        } finally {
            sasl.dispose();
        }
    }

    private ConsoleReply exchange(String payload) throws IOException {
        frames.write(FrameChannel.AUTH, payload);
        return receive();
    }

    private SaslClient saslClient(String mechanism, String user, char[] password) throws IOException {
        if (mechanism.equals("LOGIN")) {
            return new LoginClient(user, password);
        }
        SaslClient client = Sasl.createSaslClient(new String[] {mechanism}, null, SASL_SERVICE,
                endpoint.saslServerName(), Map.of(Sasl.QOP, "auth"), callbacks -> answer(callbacks, user, password));
        if (client == null) {
            throw new AuthenticationException("this client does not speak " + mechanism + " (it speaks "
                    + String.join(", ", PREFERRED) + ")", mechanisms);
        }
        return client;
    }

    private static void answer(Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else if (callback instanceof RealmCallback realm) {
                // The realm the server names in its challenge: the one the password is for.
                realm.setText(realm.getDefaultText());
            } else if (callback instanceof RealmChoiceCallback choice) {
                choice.setSelectedIndex(0);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    /** The first of {@link #PREFERRED} among the mechanisms offered, else the first offered, else null. */
    public static String choose(List<String> offered) {
        for (String preferred : PREFERRED) {
            for (String mechanism : offered) {
                if (mechanism.equalsIgnoreCase(preferred)) {
                    return preferred;
                }
            }
        }
        return offered.isEmpty() ? null : offered.get(0);
    }

    private static String offers(List<String> mechanisms) {
        return mechanisms.isEmpty() ? ", offering no mechanism to this client" : " (" + String.join(" ", mechanisms)
                + ")";
    }

    /** The user the server named in {@code Authenticated as <user>}; null before. */
    public String authenticatedAs() {
        return authenticatedAs;
    }

    /** The mechanisms of the last AUTH_REQUIRED reply; empty before one. */
    public List<String> mechanisms() {
        return mechanisms;
    }

    /** Whether the server has closed the connection (e.g. after its idle {@code Timeout}); does not wait. */
    public boolean closedByServer() throws IOException {
        return frames.closedByServer();
    }

    /** Sends {@code quit}, which has no reply, waits a little for the server to close, and closes. */
    public void quit() throws IOException {
        try {
            send(QUIT);
            frames.awaitClose(timeout.isZero() ? CONNECT_TIMEOUT : timeout);
        } finally {
            close();
        }
    }

    /** Whether a command line is {@code quit}, the one command without a reply. */
    public static boolean isQuit(String command) {
        return command.strip().equalsIgnoreCase(QUIT);
    }

    @Override
    public void close() throws IOException {
        clearPassword();
        frames.close();
    }

    private void clearPassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
