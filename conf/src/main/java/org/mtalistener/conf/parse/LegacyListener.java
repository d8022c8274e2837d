package org.mtalistener.conf.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mtalistener.conf.values.Cidr;
import org.mtalistener.conf.values.IpLiteral;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.conf.parse.Token.Kind;

/**
 * Translates a Momentum 2.x listener list into the Momentum 4 scope it stands for, so that the rest of the library
 * sees one syntax. A top-level {@code Xxx_Listener = ( entries )} becomes {@code Xxx_Listener { ... }} with one
 * {@code Listen} scope per address, in order (two for {@code <proto=both>}). Each address may be followed, in any order, by attribute groups
 * {@code <name=value ...>} and by one ACL {@code [ CIDR = ( properties ) ... ]}; both belong to the address they
 * follow (Momentum's example {@code *:25 *:587 <status="disabled">} disables 587 only).
 *
 * <table>
 *   <caption>2.x entry to Momentum 4</caption>
 *   <tr><th>2.x</th><th>Momentum 4, inside {@code Listen "ADDRESS"}</th></tr>
 *   <tr><td>{@code ADDRESS,200}</td><td>{@code Listen_Backlog = 200}</td></tr>
 *   <tr><td>{@code ADDRESS,200~20}, {@code ADDRESS~20}</td><td>{@code Listen_Backlog = 200 Concurrency = 20}</td>
 *   </tr>
 *   <tr><td>{@code <status="disabled">}</td><td>{@code Enable = false} ({@code "enabled"}: {@code true})</td></tr>
 *   <tr><td>{@code *:25 <proto=ipv4>}, {@code <proto=ipv6>}, {@code <proto=both>}</td><td>no option: the address
 *       says the family, as in Momentum 4, so {@code Listen "*:25"}, {@code Listen "[*]:25"}, or both of them, each
 *       with the entry's options and ACL. On {@code [*]:25} likewise; on one address, the proto of its family changes
 *       nothing</td></tr>
 *   <tr><td>{@code [ CIDR = ( ... ) ]}</td><td>{@code Peer "CIDR" { ... }}, one per entry, in order; the
 *       properties as {@link LegacyAcl} says</td></tr>
 * </table>
 * Inside the Listen scope come the backlog and concurrency, then the status, then the Peers.
 *
 * <p>The address is the entry up to a {@code ,backlog} and {@code ~concurrency} suffix at its end, so a Unix path
 * whose last {@code ,} or {@code ~} is followed by no other {@code ,} or {@code ~} loses that part as a suffix
 * ({@code /run/a,b} is {@code /run/a} with backlog {@code b}, an error); quoting does not change that. Addresses are
 * checked by {@link ListenAddress} (so Windows named pipes, {@code \ecconsole}, are refused), CIDRs by {@link Cidr}.
 * {@code proto} on a Unix socket, or naming the other family than an explicit address, is an error. Attributes other
 * than {@code proto} and {@code status} are errors: Momentum documents no others.
 */
final class LegacyListener {

    /** ADDRESS[,BACKLOG][~CONCURRENCY], the suffix parts as loose as possible so a bad one gets its own message. */
    private static final Pattern ENTRY = Pattern.compile("(.+?)(?:,([^,~]*))?(?:~([^,~]*))?");

    private final ScopeParser values;
    private final Lexer lexer;
    private final Problems problems;

    LegacyListener(ScopeParser values, Lexer lexer, Problems problems) {
        this.values = values;
        this.lexer = lexer;
        this.problems = problems;
    }

    /** The scope for {@code name = (}, {@code open} being the "(", up to its ")". */
    Scope translate(Token name, Token open) throws ConfException {
        List<Node> listens = new ArrayList<>();
        Entry entry = null;
        lexer.listMode(true);
        try {
            while (true) {
                Token token = lexer.next();
                switch (token.kind()) {
                    case RPAREN -> {
                        if (entry != null) {
                            listens.addAll(entry.listens());
                        }
                        return new Scope(name.text(), null, listens, name.position());
                    }
                    case EOF -> throw problems.fatal(token.position(), "expected \")\" to close " + name.text()
                            + " = ( opened at " + ScopeParser.lineAndColumn(open.position()) + ", got end of file");
                    case WORD, STRING -> {
                        values.oneLine(token, "a listen address");
                        if (entry != null) {
                            listens.addAll(entry.listens());
                        }
                        entry = address(token);
                    }
                    case LANGLE -> attributes(need(entry, token), token);
                    case LBRACKET -> acl(need(entry, token), token);
                    default -> throw problems.fatal(token.position(), "expected a listen address, \"<\", \"[\" or"
                            + " \")\", got " + token.shown());
                }
            }
        } finally {
            lexer.listMode(false);
        }
    }

    /** One address with what follows it. */
    private static final class Entry {
        final Token token;
        final String address;
        final ListenAddress parsed; // null if it did not parse (already reported)
        final List<Node> options = new ArrayList<>();
        final List<Node> peers = new ArrayList<>();
        boolean hasAcl;
        String proto; // ipv4, ipv6, both; null when not given or refused

        Entry(Token token, String address, ListenAddress parsed) {
            this.token = token;
            this.address = address;
            this.parsed = parsed;
        }

        /** One Listen, or two for {@code <proto=both>} on a wildcard. */
        List<Scope> listens() {
            List<Node> body = new ArrayList<>(options);
            body.addAll(peers);
            return addresses().stream().map(bound -> new Scope("Listen", bound, body, token.position())).toList();
        }

        /** The address as written, or the wildcards of the families {@code proto} names, this one's first. */
        private List<String> addresses() {
            if (proto == null || parsed == null || parsed.kind() == ListenAddress.Kind.ADDRESS
                    || parsed.kind() == ListenAddress.Kind.UNIX) {
                return List.of(address); // protoClash refused a proto that is not the address's own family
            }
            boolean writtenIpv4 = parsed.kind() == ListenAddress.Kind.ANY_IPV4;
            String ipv4 = writtenIpv4 ? address : "*:" + parsed.port();
            String ipv6 = writtenIpv4 ? "[*]:" + parsed.port() : address;
            return switch (proto) {
                case "ipv4" -> List.of(ipv4);
                case "ipv6" -> List.of(ipv6);
                default -> writtenIpv4 ? List.of(ipv4, ipv6) : List.of(ipv6, ipv4);
            };
        }
    }

    private Entry need(Entry entry, Token token) throws ConfException {
        if (entry == null) {
            throw problems.fatal(token.position(), "expected a listen address before " + token.shown()
                    + ", which applies to the address it follows");
        }
        return entry;
    }

    private Entry address(Token token) throws ConfException {
        Matcher m = ENTRY.matcher(token.text());
        if (!m.matches()) { // only the empty string: "" in quotes
            throw problems.fatal(token.position(), "expected a listen address, got " + token.shown());
        }
        String address = m.group(1);
        ListenAddress parsed = null;
        try {
            parsed = ListenAddress.parse(address);
        } catch (IllegalArgumentException e) {
            problems.add(token.position(), e.getMessage());
        }
        Entry entry = new Entry(token, address, parsed);
        int quote = token.is(Kind.STRING) ? 1 : 0;
        suffix(entry, m.group(2), "Listen_Backlog", "backlog", m.start(2) + quote);
        suffix(entry, m.group(3), "Concurrency", "concurrency", m.start(3) + quote);
        return entry;
    }

    private void suffix(Entry entry, String number, String option, String what, int column) throws ConfException {
        if (number == null) {
            return;
        }
        Position at = entry.token.position().plusColumns(column);
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.add(at, "expected the " + what + " as a number after \"" + (what.equals("backlog") ? "," : "~")
                    + "\", as in *:587,200~20, got " + Names.shown(number));
            return;
        }
        entry.options.add(new Option(option, new Value.Text(number, at), at));
    }

    /** {@code <name=value ...>}; {@code open} is the "<". */
    private void attributes(Entry entry, Token open) throws ConfException {
        while (true) {
            Token name = lexer.next();
            if (name.is(Kind.RANGLE)) {
                return;
            }
            if (name.is(Kind.EOF)) {
                throw problems.fatal(name.position(), "expected \">\" to close the attributes opened at "
                        + ScopeParser.lineAndColumn(open.position()) + ", got end of file");
            }
            if (!name.is(Kind.WORD)) {
                throw problems.fatal(name.position(), "expected an attribute name or \">\", got " + name.shown());
            }
            Token equals = lexer.next();
            if (!equals.is(Kind.EQUALS)) {
                throw problems.fatal(equals.position(), "expected \"=\" after the attribute " + name.text()
                        + ", got " + equals.shown());
            }
            Token value = lexer.next();
            if (!value.isText()) {
                throw problems.fatal(value.position(), "expected a value for the attribute " + name.text()
                        + ", got " + value.shown());
            }
            attribute(entry, name, value);
        }
    }

    private void attribute(Entry entry, Token name, Token value) throws ConfException {
        String text = value.text().toLowerCase(Locale.ROOT);
        switch (Names.key(name.text())) {
            case "status" -> {
                if (!text.equals("disabled") && !text.equals("enabled")) {
                    problems.add(value.position(), "expected status \"disabled\" or \"enabled\", got "
                            + value.shown());
                    return;
                }
                String enable = text.equals("enabled") ? "true" : "false";
                entry.options.add(new Option("Enable", new Value.Text(enable, value.position()), name.position()));
            }
            case "proto" -> {
                if (!text.equals("ipv4") && !text.equals("ipv6") && !text.equals("both")) {
                    problems.add(value.position(), "expected proto ipv4, ipv6 or both, got " + value.shown());
                    return;
                }
                String clash = protoClash(entry.parsed, text);
                if (clash != null) {
                    problems.add(value.position(), "proto=" + value.text() + " cannot apply to " + entry.address
                            + ": " + clash);
                    return;
                }
                entry.proto = text;
            }
            default -> problems.add(name.position(), "expected the attribute proto or status, got "
                    + name.shown());
        }
    }

    /**
     * 2.x stops at the first matching ACL entry unless it says {@code continue}; Momentum 4's Peers (and this
     * adapter) fall back to every broader block. So an entry without {@code continue} followed by a broader one now
     * gets that one's options too: say which, naming both lines. (Option names are compared as written, as 2.x
     * personality names are not resolved to their Momentum 4 names here.)
     */
    private void noticeJoinedEntries(List<Node> peers) {
        for (int i = 0; i < peers.size(); i++) {
            Scope narrow = (Scope) peers.get(i);
            Cidr narrowBlock = block(narrow);
            if (narrowBlock == null || !narrow.options("Continue").isEmpty()) {
                continue;
            }
            for (Node later : peers.subList(i + 1, peers.size())) {
                Scope broad = (Scope) later;
                Cidr broadBlock = block(broad);
                if (broadBlock == null || broadBlock.isIpv4() != narrowBlock.isIpv4()
                        || broadBlock.prefixLength() >= narrowBlock.prefixLength()
                        || !broadBlock.contains(narrowBlock.network())) {
                    continue;
                }
                List<String> joined = broad.body().stream().filter(Option.class::isInstance).map(Node::name)
                        .filter(name -> !name.equalsIgnoreCase("Continue") && narrow.options(name).isEmpty())
                        .toList();
                if (!joined.isEmpty()) {
                    problems.notice(narrow.position(), "the 2.x ACL entry " + narrow.instance() + " has no continue, "
                            + "so Momentum 2.x gave its clients nothing of the broader " + broad.instance() + " at "
                            + broad.position() + "; here Peers fall back as in Momentum 4, so they also get "
                            + String.join(", ", joined) + " from it: set those in " + narrow.instance()
                            + " too to keep the 2.x values");
                }
            }
        }
    }

    /** A Peer's block, or null if it did not parse (already reported). */
    private static Cidr block(Scope peer) {
        try {
            return Cidr.parse(peer.instance());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why {@code proto} contradicts the address, or null if it does not. */
    private static String protoClash(ListenAddress address, String proto) {
        if (address == null) {
            return null;
        }
        if (address.kind() == ListenAddress.Kind.UNIX) {
            return "it is a Unix socket; proto is for TCP addresses";
        }
        if (address.kind() != ListenAddress.Kind.ADDRESS) {
            return null; // "*" means either family, which is what proto chooses
        }
        boolean ipv4 = IpLiteral.of(address.toSocketAddress().getAddress()).isIpv4();
        if (proto.equals("both") || ipv4 != proto.equals("ipv4")) {
            return "it is an " + (ipv4 ? "IPv4" : "IPv6") + " address; use proto with * or leave it out";
        }
        return null;
    }

    /** {@code [ CIDR = ( properties ) ... ]}; {@code open} is the "[". */
    private void acl(Entry entry, Token open) throws ConfException {
        if (entry.hasAcl) {
            problems.add(open.position(), "expected one ACL [ ... ] after " + entry.address
                    + ", got a second one: put all its CIDR blocks in one");
        }
        entry.hasAcl = true;
        lexer.listMode(false);
        try {
            while (true) {
                Token block = lexer.next();
                if (block.is(Kind.RBRACKET)) {
                    noticeJoinedEntries(entry.peers);
                    return;
                }
                if (block.is(Kind.EOF)) {
                    throw problems.fatal(block.position(), "expected \"]\" to close the ACL opened at "
                            + ScopeParser.lineAndColumn(open.position()) + ", got end of file");
                }
                if (!block.isText()) {
                    throw problems.fatal(block.position(), "expected a CIDR block or \"]\", got " + block.shown());
                }
                values.oneLine(block, "a CIDR block");
                try {
                    Cidr.parse(block.text());
                } catch (IllegalArgumentException e) {
                    problems.add(block.position(), e.getMessage());
                }
                Token equals = lexer.next();
                if (!equals.is(Kind.EQUALS)) {
                    throw problems.fatal(equals.position(), "expected \"=\" after " + block.text() + ", got "
                            + equals.shown());
                }
                Token paren = lexer.next();
                if (!paren.is(Kind.LPAREN)) {
                    throw problems.fatal(paren.position(), "expected \"(\" and the ACL properties after "
                            + block.text() + " =, got " + paren.shown());
                }
                List<Node> body = new LegacyAcl(values, lexer, problems).properties(paren);
                entry.peers.add(new Scope("Peer", block.text(), body, block.position()));
            }
        } finally {
            lexer.listMode(true);
        }
    }
}
