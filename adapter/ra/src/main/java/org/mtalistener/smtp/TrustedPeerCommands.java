package org.mtalistener.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.mtalistener.conf.values.IpLiteral;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.log.ClientText;

/**
 * The commands of trusted peers: Postfix's XCLIENT, and Momentum's XREMOTEIP, XDUMPCONTEXT and XSETCONTEXT. Each is
 * taken only when SMTP_Extensions of the connection's own client names it; a client named by XCLIENT or XREMOTEIP
 * does not change that (the proxy stays the one trusted), but everything else follows the named client: its Peer
 * settings, relay rules, the Received header and the session the MDB sees.
 *
 * <p>XCLIENT (Postfix's XCLIENT_README): {@code XCLIENT NAME=… ADDR=… PORT=… PROTO=… HELO=… LOGIN=… DESTADDR=…
 * DESTPORT=…}, values in xtext, {@code [UNAVAILABLE]} and {@code [TEMPUNAVAIL]} for unknown ones, attributes not
 * given left as they were. The session then starts again as Postfix's does: the 220 greeting, EHLO or HELO first;
 * the HELO and PROTO given stay what the Received header and the MDB see after the proxy's own EHLO.
 */
final class TrustedPeerCommands {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());
    private static final String UNAVAILABLE = "[UNAVAILABLE]";
    private static final String TEMPUNAVAIL = "[TEMPUNAVAIL]";

    private final SessionPort session;
    /** Looks up the settings of a client the trusted peer names: the Peer ACL. */
    private final Function<SocketAddress, SmtpSettings> lookup;
    /** The trusted extensions, as the connection's own client has them. */
    private final Set<SmtpExtension> trusted;
    private final Map<String, String> context;
    /** XCLIENT's NAME, and DESTADDR with DESTPORT; null where not given. */
    private String clientName;
    private SocketAddress localAddress;

    TrustedPeerCommands(SessionPort session, Function<SocketAddress, SmtpSettings> lookup, SmtpSettings settings) {
        this.session = session;
        this.lookup = lookup;
        this.trusted = trusted(settings);
        this.context = new LinkedHashMap<>(settings.context());
    }

    boolean offers(SmtpExtension extension) {
        return trusted.contains(extension);
    }

    private static Set<SmtpExtension> trusted(SmtpSettings settings) {
        return settings.policy().extensions().stream().filter(SmtpExtension::trusted)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * What EHLO offers: {@code standard}'s own standard extensions and the trusted ones of the connection's own
     * client ({@code connection}).
     */
    static Set<SmtpExtension> extensions(SmtpSettings connection, Set<SmtpExtension> standard) {
        Set<SmtpExtension> all = new java.util.HashSet<>(trusted(connection));
        standard.stream().filter(e -> !e.trusted()).forEach(all::add);
        return all;
    }

    /** The context variables: the client's Context, then what XSETCONTEXT set. */
    Map<String, String> context() {
        return context;
    }

    String clientName() {
        return clientName;
    }

    /** The server address XCLIENT gave; null if it gave none. */
    SocketAddress localAddress() {
        return localAddress;
    }

    /** One of the trusted peers' commands; to a client not trusted with it, a command like any it does not know. */
    void command(SmtpCommand.Verb verb, String argument, boolean inTransaction, String user, boolean tls) {
        if (!offers(SmtpExtension.valueOf(verb.name()))) {
            session.reply(Replies.UNRECOGNIZED_COMMAND);
            return;
        }
        switch (verb) {
            case XCLIENT -> xclient(argument, inTransaction);
            case XREMOTEIP -> xremoteIp(argument, inTransaction);
            case XDUMPCONTEXT -> xdumpContext(argument, user, tls);
            default -> xsetContext(argument);
        }
    }

    private void xclient(String argument, boolean inTransaction) {
        if (argument.isEmpty()) {
            session.reply(Replies.XCLIENT_SYNTAX);
            return;
        }
        if (inTransaction) {
            session.reply(Replies.IN_TRANSACTION);
            return;
        }
        SocketAddress current = session.client();
        InetAddress address = current instanceof InetSocketAddress inet ? inet.getAddress() : null;
        int port = current instanceof InetSocketAddress inet ? inet.getPort() : 0;
        Map<String, String> given = new LinkedHashMap<>();
        for (String attribute : argument.split(" +")) {
            int eq = attribute.indexOf('=');
            String name = eq < 0 ? attribute : attribute.substring(0, eq).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : Xtext.decode(attribute.substring(eq + 1));
            if (!Replies.XCLIENT_ATTRIBUTES.contains(name)) {
                session.reply(Replies.xclientBadAttribute(name));
                return;
            }
            if (value == null || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                session.reply(Replies.xclientBadValue(name));
                return;
            }
            given.put(name, value);
        }
        boolean addressChanged = false;
        Integer destPort = null;
        InetAddress destAddress = null;
        for (Map.Entry<String, String> attribute : given.entrySet()) {
            String value = attribute.getValue();
            boolean unknown = value.equals(UNAVAILABLE) || value.equals(TEMPUNAVAIL);
            boolean ok = switch (attribute.getKey()) {
                case "ADDR" -> {
                    address = unknown ? null : address(value);
                    addressChanged = true;
                    yield unknown || address != null;
                }
                case "PORT" -> {
                    port = unknown ? 0 : port(value);
                    yield port >= 0;
                }
                case "DESTADDR" -> {
                    destAddress = unknown ? null : address(value);
                    yield unknown || destAddress != null;
                }
                case "DESTPORT" -> {
                    destPort = unknown ? 0 : port(value);
                    yield destPort >= 0;
                }
                case "PROTO" -> unknown || value.equalsIgnoreCase("SMTP") || value.equalsIgnoreCase("ESMTP");
                default -> true;
            };
            if (!ok) {
                session.reply(Replies.xclientBadValue(attribute.getKey()));
                return;
            }
        }
        // All attributes are good: only now does anything change.
        String name = given.get("NAME");
        if (name != null) {
            clientName = name.startsWith("[") ? null : name;
        }
        String helo = given.get("HELO");
        String proto = given.get("PROTO");
        if (helo != null) {
            session.hello().namedHelo(helo.startsWith("[") ? null : helo);
        }
        if (proto != null) {
            session.hello().namedProtocol(proto.startsWith("[") ? null : proto.equalsIgnoreCase("ESMTP"));
        }
        if (destAddress != null || destPort != null) {
            SocketAddress local = localAddress != null ? localAddress : session.socketLocalAddress();
            InetSocketAddress inetLocal = local instanceof InetSocketAddress inet ? inet : null;
            InetAddress host = destAddress != null ? destAddress : inetLocal != null ? inetLocal.getAddress() : null;
            int hostPort = destPort != null ? destPort : inetLocal != null ? inetLocal.getPort() : 0;
            localAddress = host != null ? new InetSocketAddress(host, hostPort) : local;
        }
        SocketAddress client = addressChanged || given.containsKey("PORT")
                ? address != null ? new InetSocketAddress(address, port)
                : InetSocketAddress.createUnresolved("unknown", port)
                : current;
        String login = given.get("LOGIN");
        LOG.fine(() -> session.name() + ": XCLIENT, now serving " + client + (login != null ? " (" + ClientText.quoted(login) + ")" : ""));
        SmtpSettings settings = become(client);
        context.clear();
        context.putAll(settings.context());
        session.restart(settings, login == null ? null : login.startsWith("[") ? "" : login);
    }

    private void xremoteIp(String argument, boolean inTransaction) {
        InetAddress address = argument.isEmpty() || argument.contains(" ") ? null : address(argument);
        if (address == null) {
            session.reply(Replies.XREMOTEIP_SYNTAX);
            return;
        }
        if (inTransaction) {
            session.reply(Replies.IN_TRANSACTION);
            return;
        }
        SocketAddress current = session.client();
        int port = current instanceof InetSocketAddress inet ? inet.getPort() : 0;
        InetSocketAddress client = new InetSocketAddress(address, port);
        LOG.fine(() -> session.name() + ": XREMOTEIP, now serving " + client);
        SmtpSettings settings = become(client);
        context.clear();
        context.putAll(settings.context());
        session.become(settings);
        session.reply(Replies.remoteAddress(ReceivedHeader.hostAddress(client)));
    }

    /** The settings of {@code client}, who the session serves from now on; XSETCONTEXT's variables go with the old. */
    private SmtpSettings become(SocketAddress client) {
        session.serve(client);
        return lookup.apply(client);
    }

    /** XDUMPCONTEXT, as Momentum prints it: {@code [connection] name value} per variable. */
    private void xdumpContext(String argument, String user, boolean tls) {
        if (!argument.isEmpty()) {
            session.reply(Replies.NO_PARAMETERS_ALLOWED);
            return;
        }
        List<String> lines = new ArrayList<>();
        ClientHello hello = session.hello();
        if (hello.given()) {
            lines.add("[connection] ehlo_domain " + hello.sent());
            lines.add("[connection] ehlo_string " + hello.line());
        }
        if (user != null) {
            lines.add("[connection] auth_user " + user);
        }
        if (tls) {
            lines.add("[connection] tls on");
        }
        context.forEach((name, value) -> lines.add("[connection] " + name + " " + value));
        session.reply(Replies.contextDump(lines));
    }

    /** {@code XSETCONTEXT name=value …}, values in xtext (RFC 1891): context variables of later messages. */
    private void xsetContext(String argument) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String pair : argument.isEmpty() ? new String[0] : argument.split(" +")) {
            int eq = pair.indexOf('=');
            String value = eq <= 0 ? null : Xtext.decode(pair.substring(eq + 1));
            // Printable text only: a value is shown again in XDUMPCONTEXT replies and in logs.
            if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                session.reply(Replies.XSETCONTEXT_SYNTAX);
                return;
            }
            set.put(pair.substring(0, eq), value);
        }
        if (set.isEmpty()) {
            session.reply(Replies.XSETCONTEXT_SYNTAX);
            return;
        }
        LOG.fine(() -> session.name() + ": XSETCONTEXT " + ClientText.escaped(String.join(", ", set.keySet())));
        context.putAll(set);
        session.reply(Replies.CONTEXT_SET);
    }

    /** An IPv4 literal, or IPv6 after {@code IPV6:}; never a name (nothing is looked up). */
    private static InetAddress address(String value) {
        boolean v6 = value.regionMatches(true, 0, "IPV6:", 0, 5);
        String literal = v6 ? value.substring(5) : value;
        if (!v6 && literal.contains(":")) {
            return null;
        }
        try {
            return IpLiteral.parse(literal).toInetAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int port(String value) {
        return value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535 ? Integer.parseInt(value) : -1;
    }
}
