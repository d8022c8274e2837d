package org.mtalistener.console;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a console listens, as the command line writes it: a Unix socket path ({@code /tmp/2025}), {@code host:port}
 * or {@code [v6]:port}, each optionally preceded by {@code user@}.
 *
 * @param user   who to authenticate as when the server asks; null when not given
 * @param socket the Unix socket; null for TCP
 * @param host   the TCP host as written (an IPv6 address without its brackets); null for a Unix socket
 * @param port   the TCP port; 0 for a Unix socket
 */
public record Endpoint(String user, Path socket, String host, int port) {

    /** Momentum's standard console socket. */
    public static final String DEFAULT = "/tmp/2025";

    public Endpoint {
        if ((socket == null) == (host == null)) {
            throw new IllegalArgumentException("an endpoint is a Unix socket or a TCP host, not both or neither");
        }
        if (host != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (user != null && user.isEmpty()) {
            throw new IllegalArgumentException("the user before @ is empty");
        }
    }

    public static Endpoint unix(Path socket) {
        return new Endpoint(null, socket, null, 0);
    }

    public static Endpoint tcp(String host, int port) {
        return new Endpoint(null, null, host, port);
    }

    /** The same place, authenticating as {@code user}. */
    public Endpoint as(String user) {
        return new Endpoint(user, socket, host, port);
    }

    /**
     * Reads an endpoint: a path starting with {@code /} or {@code .} is a Unix socket; otherwise {@code host:port}
     * or {@code [v6]:port}. A {@code user@} prefix may precede either ({@code john@/tmp/2025},
     * {@code john@127.0.0.1:2025}); the user ends at the last {@code @} before any {@code /}, so a user name may hold
     * an {@code @} and a socket path too.
     *
     * @throws IllegalArgumentException naming what is wrong and how to write it
     */
    public static Endpoint parse(String text) {
        String user = null;
        String where = text;
        int slash = text.indexOf('/');
        int at = text.lastIndexOf('@', slash < 0 ? text.length() - 1 : slash);
        if (at >= 0) {
            user = text.substring(0, at);
            where = text.substring(at + 1);
            if (user.isEmpty()) {
                throw new IllegalArgumentException("\"" + text + "\": the user before @ is empty");
            }
        }
        if (where.startsWith("/") || where.startsWith(".")) {
            return new Endpoint(user, Path.of(where), null, 0);
        }
        String host;
        String port;
        if (where.startsWith("[")) {
            int close = where.indexOf(']');
            if (close < 0 || close + 1 >= where.length() || where.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("\"" + text + "\": write an IPv6 endpoint as [address]:port, e.g. "
                        + "[::1]:2025");
            }
            host = where.substring(1, close);
            port = where.substring(close + 2);
        } else {
            int colon = where.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("\"" + text + "\" is neither a socket path (/tmp/2025, "
                        + "./console.sock) nor host:port (127.0.0.1:2025)");
            }
            if (where.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("\"" + text + "\": write an IPv6 address in brackets, e.g. "
                        + "[::1]:2025");
            }
            host = where.substring(0, colon);
            port = where.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\": the host before :" + port + " is empty");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + port + "\" is not a port (1-65535)");
        }
        return new Endpoint(user, null, host, number);
    }

    public boolean isUnix() {
        return socket != null;
    }

    /** The address to connect to; a TCP host name is resolved now. */
    public SocketAddress address() {
        return isUnix() ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
    }

    /**
     * The host of the DIGEST-MD5 {@code digest-uri} ({@code console/<host>}, docs/console.md): the TCP host as
     * written, {@code localhost} for a Unix socket.
     */
    public String saslServerName() {
        return isUnix() ? "localhost" : host;
    }

    /** The endpoint without the user: {@code /tmp/2025}, {@code 127.0.0.1:2025}, {@code [::1]:2025}. */
    public String where() {
        return isUnix() ? socket.toString() : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** As the command line writes it, e.g. {@code john@127.0.0.1:2025}. */
    @Override
    public String toString() {
        return user == null ? where() : user + "@" + where();
    }
}
