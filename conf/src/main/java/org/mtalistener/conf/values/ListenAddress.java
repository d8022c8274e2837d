package org.mtalistener.conf.values;

import static org.mtalistener.conf.values.ConfString.quote;
import static org.mtalistener.conf.values.IpLiteral.invalid;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The address a listener binds: the name of a {@code Listen} scope ({@code Listen "*:25" { }}) or the address of a
 * Momentum 2.x listener entry ({@code Esmtp_Listener = ( *:25 )}), without the 2.x {@code ,backlog~concurrency}
 * suffix, which the caller splits off.
 *
 * <table>
 *   <caption>Accepted forms</caption>
 *   <tr><th>written</th><th>{@link Kind}</th><th>printed</th></tr>
 *   <tr><td>{@code *:25}, {@code :25}, {@code 0.0.0.0:25}</td><td>{@code ANY_IPV4}</td><td>{@code *:25}</td></tr>
 *   <tr><td>{@code [*]:25}, {@code [::]:25}, {@code [0:0:0:0:0:0:0:0]:25}</td><td>{@code ANY_IPV6}</td>
 *       <td>{@code [::]:25}</td></tr>
 *   <tr><td>{@code 127.0.0.1:25}</td><td>{@code ADDRESS}</td><td>{@code 127.0.0.1:25}</td></tr>
 *   <tr><td>{@code [2001:DB8:0::1]:25}, any IPv6 spelling</td><td>{@code ADDRESS}</td>
 *       <td>{@code [2001:db8::1]:25}</td></tr>
 *   <tr><td>{@code /tmp/2025}, anything starting with {@code /}</td><td>{@code UNIX}</td><td>as written</td></tr>
 * </table>
 *
 * <p>Each value is one socket, so spellings of the same socket are equal: IPv6 addresses compare by their 16 bytes,
 * {@code 0.0.0.0} is the IPv4 wildcard and an IPv4-mapped address ({@code [::ffff:10.0.0.1]:25}) is the IPv4
 * address it stands for, which is what the socket binds. {@link #toString()} reads back to an equal value.
 *
 * <p>Host names are refused: a listener binds a local address, and resolving a name would make the bind depend on
 * DNS. Ports are 1 to 65535 in decimal. Unix socket paths are compared as written and may be at most 107 bytes,
 * the size of Linux's {@code sun_path} less its terminating NUL, so that a path too long fails here rather than at
 * bind time.
 */
public final class ListenAddress {

    /** What a listen address binds. */
    public enum Kind {
        /** Every IPv4 address ({@code INADDR_ANY}): {@code *:25}, {@code :25}, {@code 0.0.0.0:25}. */
        ANY_IPV4,
        /** Every IPv6 address ({@code in6addr_any}): {@code [*]:25}, {@code [::]:25}. */
        ANY_IPV6,
        /** One IPv4 or IPv6 address: {@code 127.0.0.1:25}, {@code [::1]:25}. */
        ADDRESS,
        /** A Unix domain socket: {@code /tmp/2025}. */
        UNIX
    }

    static final int MAX_UNIX_PATH_BYTES = 107;

    private static final String WHAT = "a listen address";
    private static final String EXPECTED =
            "expected IPV4:PORT, [IPV6]:PORT, *:PORT, [*]:PORT or a Unix socket path starting with /";

    private final Kind kind;
    private final IpLiteral address;
    private final int port;
    private final String path;

    private ListenAddress(Kind kind, IpLiteral address, int port, String path) {
        this.kind = kind;
        this.address = address;
        this.port = port;
        this.path = path;
    }

    /**
     * Parses a listen address.
     *
     * @throws IllegalArgumentException naming the value, what was expected and what to write instead, e.g.
     *                                  {@code "127.0.0.1" is not a listen address: expected IPV4:PORT, ...}
     */
    public static ListenAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.strip().equals(text)) {
            throw invalid(text, WHAT, "remove the whitespace around it");
        }
        if (text.startsWith("/")) {
            return unix(text);
        }
        if (text.startsWith("\\")) {
            throw invalid(text, WHAT, "Windows named pipes are not supported: use a Unix socket path or ADDRESS:PORT");
        }
        if (text.startsWith("[")) {
            return bracketed(text);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(text, WHAT, EXPECTED);
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.indexOf(':') >= 0) {
            throw invalid(text, WHAT, "an IPv6 address must be in brackets, followed by the port, as in [::1]:25");
        }
        if (host.isEmpty() || host.equals("*")) {
            return tcp(Kind.ANY_IPV4, null, parsePort(portText, text));
        }
        if (IpLiteral.looksLikeHostName(host)) {
            String port = isPort(portText) ? portText : "PORT";
            String instead = host.equalsIgnoreCase("localhost")
                    ? "127.0.0.1:" + port + " or [::1]:" + port
                    : "its IP address, as in 192.0.2.1:" + port + ", or *:" + port + " for every IPv4 address";
            throw invalid(text, WHAT, "host names are not accepted, as a listener binds a local address: write "
                    + instead);
        }
        IpLiteral ip = IpLiteral.parse(host, text, WHAT);
        return ofAddress(ip, parsePort(portText, text));
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The TCP port, 1 to 65535.
     *
     * @throws IllegalStateException for a Unix socket
     */
    public int port() {
        requireTcp("port()");
        return port;
    }

    /**
     * The socket address to bind: {@code 0.0.0.0} for {@link Kind#ANY_IPV4}, {@code ::} for {@link Kind#ANY_IPV6}.
     * Built from bytes, never resolved.
     *
     * @throws IllegalStateException for a Unix socket; use {@link #unixPath()}
     */
    public InetSocketAddress toSocketAddress() {
        requireTcp("toSocketAddress()");
        IpLiteral bind = switch (kind) {
            case ANY_IPV4 -> IpLiteral.of(new byte[4]);
            case ANY_IPV6 -> IpLiteral.of(new byte[16]);
            default -> address;
        };
        return new InetSocketAddress(bind.toInetAddress(), port);
    }

    /**
     * The path of a Unix socket.
     *
     * @throws IllegalStateException for a TCP address
     */
    public Path unixPath() {
        if (kind != Kind.UNIX) {
            throw new IllegalStateException(this + " is a TCP address and has no Unix socket path");
        }
        return Path.of(path);
    }

    /**
     * Whether only this host can connect: a loopback address ({@code 127.0.0.0/8}, {@code ::1}) or a Unix socket,
     * which Momentum also treats as loopback. The wildcards are not loopback.
     */
    public boolean isLoopback() {
        return kind == Kind.UNIX || (kind == Kind.ADDRESS && address.isLoopback());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListenAddress that && kind == that.kind && port == that.port
                && Objects.equals(address, that.address) && Objects.equals(path, that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, address, port, path);
    }

    /** The canonical form (see the table above); {@link #parse(String)} reads it back to an equal value. */
    @Override
    public String toString() {
        return switch (kind) {
            case ANY_IPV4 -> "*:" + port;
            case ANY_IPV6 -> "[::]:" + port;
            case ADDRESS -> (address.isIpv4() ? address.toString() : "[" + address + "]") + ":" + port;
            case UNIX -> path;
        };
    }

    private static ListenAddress bracketed(String text) {
        int close = text.indexOf(']');
        if (close < 0) {
            throw invalid(text, WHAT, "the \"]\" after the IPv6 address is missing: write [IPV6]:PORT");
        }
        String inner = text.substring(1, close);
        String after = text.substring(close + 1);
        if (inner.isEmpty()) {
            throw invalid(text, WHAT, "the brackets are empty: write [IPV6]:PORT, or [*]:PORT for every IPv6 address");
        }
        if (!after.startsWith(":")) {
            throw invalid(text, WHAT, after.isEmpty()
                    ? "the port is missing: write [" + inner + "]:PORT"
                    : "expected \":PORT\" after \"]\", not " + quote(after));
        }
        int port = parsePort(after.substring(1), text);
        if (inner.equals("*")) {
            return tcp(Kind.ANY_IPV6, null, port);
        }
        if (inner.indexOf(':') < 0) {
            String instead = IpLiteral.looksLikeHostName(inner)
                    ? "host names are not accepted, as a listener binds a local address: write its IP address"
                    : "brackets are only for IPv6 addresses: write " + inner + ":" + port;
            throw invalid(text, WHAT, instead);
        }
        return ofAddress(IpLiteral.parseIpv6(inner, text, WHAT), port);
    }

    private static ListenAddress ofAddress(IpLiteral ip, int port) {
        IpLiteral bound = ip.unmapped();
        if (bound.isUnspecified()) {
            return tcp(bound.isIpv4() ? Kind.ANY_IPV4 : Kind.ANY_IPV6, null, port);
        }
        return tcp(Kind.ADDRESS, bound, port);
    }

    private static ListenAddress tcp(Kind kind, IpLiteral address, int port) {
        return new ListenAddress(kind, address, port, null);
    }

    private static ListenAddress unix(String text) {
        if (text.indexOf('\0') >= 0) {
            throw invalid(text, WHAT, "a Unix socket path cannot contain a NUL character");
        }
        if (text.endsWith("/")) {
            throw invalid(text, WHAT, "a Unix socket path names a file, not a directory: remove the trailing /");
        }
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_UNIX_PATH_BYTES) {
            throw invalid(text, WHAT, "a Unix socket path may have at most " + MAX_UNIX_PATH_BYTES
                    + " bytes, this one has " + length + ": use a shorter path");
        }
        return new ListenAddress(Kind.UNIX, null, 0, text);
    }

    private static int parsePort(String portText, String text) {
        if (portText.isEmpty()) {
            throw invalid(text, WHAT, "the port after \":\" is missing: write a port from 1 to 65535");
        }
        int port = portValue(portText);
        if (port < 0 && (portText.indexOf(',') >= 0 || portText.indexOf('~') >= 0)) {
            throw invalid(text, WHAT, "port " + quote(portText) + " is not a number: a 2.x \",backlog~concurrency\""
                    + " suffix is not part of the address (in a Listen scope, set Listen_Backlog and Concurrency)");
        }
        if (port < 0) {
            throw invalid(text, WHAT, "port " + quote(portText) + " is not a number from 1 to 65535");
        }
        if (port == 0 || port > 65535) {
            throw invalid(text, WHAT, "port " + portText + " is out of range: use 1 to 65535");
        }
        return port;
    }

    private static boolean isPort(String portText) {
        int port = portValue(portText);
        return port >= 1 && port <= 65535;
    }

    /** The decimal value, capped just above 65535 so that long inputs cannot overflow; -1 if not all digits. */
    private static int portValue(String portText) {
        if (portText.isEmpty()) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < portText.length(); i++) {
            char c = portText.charAt(i);
            if (!IpLiteral.isAsciiDigit(c)) {
                return -1;
            }
            port = Math.min(port * 10 + (c - '0'), 65536);
        }
        return port;
    }

    private void requireTcp(String method) {
        if (kind == Kind.UNIX) {
            throw new IllegalStateException(this + " is a Unix socket: " + method + " is only for TCP addresses");
        }
    }
}
