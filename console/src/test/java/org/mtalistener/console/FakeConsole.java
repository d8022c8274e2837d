package org.mtalistener.console;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * A console server for the tests, speaking the frames of docs/console.md on a real socket (TCP on 127.0.0.1 or a
 * Unix socket), one thread per session. DIGEST-MD5 is checked by the JDK's SASL server, so the client is held to
 * RFC 2831 by an implementation other than its own.
 *
 * <p>Commands: {@code version}, {@code summary}, {@code echo WORDS}, {@code whoami}, {@code big} (a LONG_TEXT
 * reply), {@code forbidden} (Not Authorized), {@code crash} (closes without a reply), {@code quit}, and those given
 * to {@link #answering}; anything else is {@code Unknown command}.
 */
final class FakeConsole implements AutoCloseable {

    static final String VERSION = "MTA Listener Adapter 0.1.0-test";
    static final String REALM = "console";

    private final ServerSocketChannel server;
    private final Endpoint endpoint;
    private final List<String> mechanisms = new ArrayList<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, String> canned = new HashMap<>();
    /** The host the DIGEST-MD5 server binds to; null accepts any host in the digest-uri. */
    private String digestHost;
    private boolean forgeRspauth;
    private int holdReplies;
    private final List<SocketChannel> sessions = new CopyOnWriteArrayList<>();

    /** Every request payload, in order, for all sessions: commands as they are, AUTH as {@code AUTH <payload>}. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Every {@code Authenticated as} this server gave, as {@code MECHANISM user}. */
    final List<String> authenticated = new CopyOnWriteArrayList<>();

    private FakeConsole(ServerSocketChannel server, Endpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static FakeConsole tcp() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new FakeConsole(server, Endpoint.tcp("127.0.0.1", port));
    }

    static FakeConsole unix(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(socket));
        return new FakeConsole(server, Endpoint.unix(socket));
    }

    /** Sessions must authenticate with one of these mechanisms, as {@code user} with {@code password}. */
    FakeConsole requireAuthentication(String user, String password, String... offered) {
        mechanisms.addAll(List.of(offered));
        passwords.put(user, password);
        return this;
    }

    /** Answers the command line {@code command} (words joined by one space) with {@code text}, as a node would. */
    FakeConsole answering(String command, String text) {
        canned.put(command, text);
        return this;
    }

    /** The DIGEST-MD5 server checks that the digest-uri is {@code console/<host>}. */
    FakeConsole digestHost(String host) {
        digestHost = host;
        return this;
    }

    /** DIGEST-MD5 answers a good response with a wrong rspauth, as an impostor would. */
    FakeConsole forgeRspauth() {
        forgeRspauth = true;
        return this;
    }

    /**
     * The replies to commands 2 to {@code count + 1} of a session are held until all of them have arrived: a client
     * that waits for each reply before the next command waits forever.
     */
    FakeConsole holdReplies(int count) {
        holdReplies = count;
        return this;
    }

    FakeConsole start() {
        Thread acceptor = new Thread(this::accept, "fake-console-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The endpoint as the command line takes it. */
    String where() {
        return endpoint.where();
    }

    /** Closes every session, as the server's idle Timeout does. */
    void closeSessions() throws IOException {
        for (SocketChannel session : sessions) {
            session.close();
        }
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel session = server.accept();
                sessions.add(session);
                Thread thread = new Thread(() -> serve(session), "fake-console-session");
                thread.setDaemon(true);
                thread.start();
            }
        } catch (IOException e) {
            // closed by close()
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            new Session(Channels.newInputStream(channel), Channels.newOutputStream(channel)).run();
        } catch (IOException e) {
            // the client went away, or the test closed the session
        }
    }

    private final class Session {
        private final DataInputStream in;
        private final DataOutputStream out;
        private boolean authenticated = mechanisms.isEmpty();
        private String user;
        private int commands;
        private final List<byte[]> held = new ArrayList<>();

        Session(InputStream in, OutputStream out) {
            this.in = new DataInputStream(in);
            this.out = new DataOutputStream(out);
        }

        void run() throws IOException {
            while (true) {
                int type;
                try {
                    type = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                String payload = payload();
                if (type == FrameChannel.COMMAND) {
                    requests.add(payload);
                    if (!command(payload)) {
                        return;
                    }
                } else if (type == FrameChannel.AUTH) {
                    requests.add("AUTH " + payload);
                    authenticate(payload);
                } else {
                    send(1, "Bad frame: request type " + type + " (expected 1 COMMAND or 3 AUTH)");
                    return;
                }
            }
        }

        private String payload() throws IOException {
            int length = in.readUnsignedShort();
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        /** False when the session ends. */
        private boolean command(String line) throws IOException {
            String[] words = line.split(" ", 2);
            switch (words[0]) {
                case "quit", "crash" -> {
                    return false;
                }
                default -> {
                }
            }
            commands++;
            byte[] reply = authenticated ? answer(words) : frame(4, String.join(" ", mechanisms));
            if (holdReplies > 0 && commands > 1 && commands <= holdReplies + 1) {
                held.add(reply);
                if (held.size() == holdReplies) {
                    for (byte[] frame : held) {
                        out.write(frame);
                    }
                    out.flush();
                }
                return true;
            }
            out.write(reply);
            out.flush();
            return true;
        }

        private byte[] answer(String[] words) {
            String cannedText = canned.get(String.join(" ", words));
            if (cannedText != null) {
                return frame(1, cannedText);
            }
            return switch (words[0]) {
                case "version" -> frame(1, VERSION);
                case "summary" -> frame(1, "Received Messages: 0\nRejected Messages: 0\n");
                case "echo" -> frame(1, (words.length > 1 ? words[1] : "") + "\n");
                case "whoami" -> frame(1, user + "\n");
                case "big" -> frame(2, big());
                case "forbidden" -> frame(1, ConsoleReply.NOT_AUTHORIZED + "\n");
                default -> frame(1, ConsoleReply.UNKNOWN_COMMAND);
            };
        }

        private void authenticate(String start) throws IOException {
            String mechanism = start.split(" ", 2)[0];
            if (!mechanisms.contains(mechanism)) {
                send(4, String.join(" ", mechanisms));
                return;
            }
            String who = mechanism.equals("LOGIN") ? login() : digestMd5();
            if (who == null) {
                send(4, String.join(" ", mechanisms));
                return;
            }
            authenticated = true;
            user = who;
            authenticated(mechanism + " " + who);
            send(1, "Authenticated as " + who);
        }

        /** The user, or null on failure or cancel. */
        private String login() throws IOException {
            String name = step(b64("Username:"));
            if (name == null) {
                return null;
            }
            String password = step(b64("Password:"));
            if (password == null) {
                return null;
            }
            String user = text(name);
            return text(password).equals(passwords.get(user)) ? user : null;
        }

        private String digestMd5() throws IOException {
            Map<String, String> props = Map.of(Sasl.QOP, "auth", "com.sun.security.sasl.digest.realm", REALM);
            SaslServer sasl = Sasl.createSaslServer("DIGEST-MD5", ConsoleConnection.SASL_SERVICE, digestHost, props,
                    this::callbacks);
            try {
                String response = step(Base64.getEncoder().encodeToString(sasl.evaluateResponse(new byte[0])));
                if (response == null) {
                    return null;
                }
                byte[] rspauth;
                try {
                    rspauth = sasl.evaluateResponse(Base64.getDecoder().decode(response));
                } catch (SaslException e) {
                    return null;
                }
                if (forgeRspauth) {
                    rspauth = "rspauth=00000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII);
                }
                String last = step(Base64.getEncoder().encodeToString(rspauth));
                return last != null && last.isEmpty() && sasl.isComplete() ? sasl.getAuthorizationID() : null;
            } finally {
                sasl.dispose();
            }
        }

        private void callbacks(Callback[] callbacks) throws UnsupportedCallbackException {
            String name = null;
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback n) {
                    name = n.getDefaultName();
                    n.setName(name);
                } else if (callback instanceof RealmCallback realm) {
                    realm.setText(realm.getDefaultText());
                } else if (callback instanceof PasswordCallback password) {
                    String known = passwords.get(name);
                    // An unknown user gets a password nobody knows, so the exchange fails as for a wrong one.
                    password.setPassword((known == null ? "\u0000unknown" : known).toCharArray());
                } else if (callback instanceof AuthorizeCallback authorize) {
                    authorize.setAuthorized(authorize.getAuthenticationID().equals(authorize.getAuthorizationID()));
                    if (authorize.isAuthorized()) {
                        authorize.setAuthorizedID(authorize.getAuthorizationID());
                    }
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }

        /** Sends a CHALLENGE and returns the AUTH that answers it; null when cancelled. */
        private String step(String challenge) throws IOException {
            send(3, challenge);
            int type = in.readUnsignedShort();
            String payload = payload();
            requests.add(type == FrameChannel.AUTH ? "AUTH " + payload : payload);
            return type != FrameChannel.AUTH || payload.equals("*") ? null : payload;
        }

        private void send(int type, String text) throws IOException {
            out.write(frame(type, text));
            out.flush();
        }
    }

    private void authenticated(String what) {
        authenticated.add(what);
    }

    /** 100,000 bytes and more, the LONG_TEXT case: numbered lines. */
    static String big() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append(String.format("line %05d\n", i));
        }
        return text.toString();
    }

    private static byte[] frame(int type, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        try {
            out.writeShort(type);
            if (type == 2) {
                out.writeInt(payload.length);
            } else {
                out.writeShort(payload.length);
            }
            out.write(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeSessions();
    }
}
