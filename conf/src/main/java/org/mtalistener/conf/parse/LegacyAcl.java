package org.mtalistener.conf.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.mtalistener.conf.parse.Token.Kind;
import org.mtalistener.conf.values.DidYouMean;

/**
 * Translates the properties of one Momentum 2.x ACL entry, {@code CIDR = ( properties )}, into the body of the
 * {@code Peer "CIDR"} scope it becomes. Property names are case-insensitive. Options come in the order their
 * properties were written, then one {@code SMTP_Extensions} array gathering every extension the properties enable,
 * in order.
 *
 * <table>
 *   <caption>2.x ACL property to Momentum 4 Peer options</caption>
 *   <tr><th>2.x</th><th>Momentum 4</th></tr>
 *   <tr><td>{@code continue}</td><td>{@code Continue = true}. 2.x tries the ACL entries in the order written and
 *       stops at the first that matches, unless it says {@code continue}: then the entries after it are tried too,
 *       and those that match apply as well (the manual's first example puts a {@code continue} on
 *       {@code 0.0.0.0/0}, written first, to give every connection an idle time before the more specific entries).
 *       Momentum 4 has no such option, as its Peers fall back by specificity instead; the flag is kept, and so is
 *       the order of the Peers, for the model to honour</td></tr>
 *   <tr><td>{@code personality [ k = v ... ]}</td><td>each {@code k = v} as an option of the Peer, names as written
 *       (2.x names such as {@code message_size} are not renamed: that is the option registry's knowledge)</td></tr>
 *   <tr><td>{@code relay_for_sending_domains}</td><td>{@code Open_Relay = true}: alone, 2.x makes the ACL an open
 *       relay, and Momentum 4 says {@code Open_Relay} replaces that boolean form</td></tr>
 *   <tr><td>{@code relay_for_sending_domains [ d = true ... ]}</td><td>{@code Relay_For_Sending_Domains = ( "d" ... )}.
 *       Only true values ({@code true}, {@code on}, {@code enabled}, {@code yes}, {@code 1}) are accepted: a false one
 *       or an empty list is an error, because dropping it could leave an empty list, which Momentum 4 reads as an
 *       open relay</td></tr>
 *   <tr><td>{@code context [ k = v ]}</td><td>{@code Context = [ k = v ]}</td></tr>
 *   <tr><td>{@code TLS [ certificate = c key = k clientca = a ciphers = s extension = STARTTLS ]}</td>
 *       <td>{@code TLS_Certificate}, {@code TLS_Key}, {@code TLS_Client_CA}, {@code TLS_Ciphers}, and
 *       {@code "STARTTLS"} in {@code SMTP_Extensions} if {@code extension} says so. Other parameters are
 *       errors</td></tr>
 *   <tr><td>{@code CRAM-MD5}, {@code DIGEST-MD5}, {@code LOGIN} {@code [ extension = AUTH
 *       extension_argument = MECH uri = ... ]}</td><td>{@code AuthCramMD5Parameters}, {@code AuthDigestMD5Parameters},
 *       {@code AuthLoginParameters} {@code = [ uri = ... ]} (every parameter but the two extension ones), and
 *       {@code "AUTH MECH"} in {@code SMTP_Extensions} if {@code extension = AUTH} is given: 2.x advertises the
 *       mechanism only then (the Control_Listener example gives none)</td></tr>
 *   <tr><td>{@code ALWAYS-ALLOW}</td><td>{@code Always_Allow = true}</td></tr>
 *   <tr><td>{@code XCLIENT}, {@code XREMOTEIP}, {@code XDUMPCONTEXT}, {@code ENHANCEDSTATUSCODES},
 *       {@code STARTTLS}, alone or with {@code [ extension = NAME ]}</td><td>{@code "NAME"} in
 *       {@code SMTP_Extensions}</td></tr>
 * </table>
 * Anything else, a property given parameters it does not take or missing those it needs, is an error at its
 * position.
 */
final class LegacyAcl {

    private static final Map<String, String> AUTH = Map.of(
            "cram-md5", "AuthCramMD5Parameters",
            "digest-md5", "AuthDigestMD5Parameters",
            "login", "AuthLoginParameters");
    private static final Set<String> EXTENSIONS =
            Set.of("XCLIENT", "XREMOTEIP", "XDUMPCONTEXT", "ENHANCEDSTATUSCODES", "STARTTLS");
    private static final Map<String, String> TLS = Map.of(
            "certificate", "TLS_Certificate",
            "key", "TLS_Key",
            "clientca", "TLS_Client_CA",
            "ciphers", "TLS_Ciphers");
    private static final Set<String> TRUE = Set.of("true", "on", "enabled", "yes", "1");
    private static final List<String> PROPERTIES = List.of("continue", "personality", "relay_for_sending_domains",
            "context", "TLS", "CRAM-MD5", "DIGEST-MD5", "LOGIN", "ALWAYS-ALLOW", "XCLIENT", "XREMOTEIP",
            "XDUMPCONTEXT", "ENHANCEDSTATUSCODES", "STARTTLS");
    private static final String KNOWN = String.join(", ", PROPERTIES.subList(0, PROPERTIES.size() - 1)) + " or "
            + PROPERTIES.get(PROPERTIES.size() - 1);
    private static final Map<String, String> SPELLINGS =
            PROPERTIES.stream().collect(Collectors.toMap(name -> name, name -> name));

    private final ScopeParser values;
    private final Lexer lexer;
    private final Problems problems;
    private final List<Node> options = new ArrayList<>();
    private final List<Value> extensions = new ArrayList<>();

    LegacyAcl(ScopeParser values, Lexer lexer, Problems problems) {
        this.values = values;
        this.lexer = lexer;
        this.problems = problems;
    }

    /** The Peer body for the properties after {@code open}, the "(", up to its ")". */
    List<Node> properties(Token open) throws ConfException {
        while (true) {
            Token name = lexer.next();
            if (name.is(Kind.RPAREN)) {
                break;
            }
            if (name.is(Kind.EOF)) {
                throw problems.fatal(name.position(), "expected \")\" to close the ACL properties opened at "
                        + ScopeParser.lineAndColumn(open.position()) + ", got end of file");
            }
            if (!name.is(Kind.WORD)) {
                throw problems.fatal(name.position(), "expected an ACL property or \")\", got " + name.shown());
            }
            Value.Dict params = lexer.peek().is(Kind.LBRACKET) ? values.dict(lexer.next()) : null;
            property(name, params);
        }
        List<Node> body = new ArrayList<>(options);
        if (!extensions.isEmpty()) {
            Position first = extensions.get(0).position();
            body.add(new Option("SMTP_Extensions", new Value.Array(extensions, first), first));
        }
        return body;
    }

    private void property(Token name, Value.Dict params) throws ConfException {
        String key = Names.key(name.text());
        Position at = name.position();
        if (AUTH.containsKey(key)) {
            auth(name, AUTH.get(key), required(name, params));
        } else if (EXTENSIONS.contains(key.toUpperCase(Locale.ROOT))) {
            extension(name, params);
        } else {
            switch (key) {
                case "continue" -> flag(name, params, "Continue");
                case "always-allow" -> flag(name, params, "Always_Allow");
                case "personality" -> personality(required(name, params));
                case "relay_for_sending_domains" -> relay(name, params);
                case "context" -> {
                    if (required(name, params) != null) {
                        options.add(new Option("Context", params, at));
                    }
                }
                case "tls" -> tls(name, required(name, params));
                default -> problems.add(at, "expected an ACL property (" + KNOWN + "), got " + name.shown()
                        + didYouMean(name.text()));
            }
        }
    }

    private static String didYouMean(String written) {
        List<String> near = DidYouMean.closest(written, SPELLINGS);
        return near.isEmpty() ? "" : ": did you mean " + String.join(" or ", near) + "?";
    }

    private void flag(Token name, Value.Dict params, String option) throws ConfException {
        if (params != null) {
            problems.add(params.position(), name.text() + " takes no parameters: remove the [ ... ] after it");
        }
        options.add(new Option(option, new Value.Text("true", name.position()), name.position()));
    }

    /** The parameters, or null after reporting that they are missing. */
    private Value.Dict required(Token name, Value.Dict params) throws ConfException {
        if (params == null) {
            problems.add(name.position(), "expected \"[\" and the parameters after " + name.text() + ", as in "
                    + name.text() + " [ key = value ]");
        }
        return params;
    }

    private void personality(Value.Dict params) throws ConfException {
        if (params == null) {
            return;
        }
        for (Value.Entry entry : params.entries()) {
            if (!Names.isBareWord(entry.key())) {
                problems.add(entry.position(), "expected an option name in personality, got "
                        + Names.shown(entry.key()));
                continue;
            }
            options.add(new Option(entry.key(), entry.value(), entry.position()));
        }
    }

    private void relay(Token name, Value.Dict params) throws ConfException {
        if (params == null) {
            options.add(new Option("Open_Relay", new Value.Text("true", name.position()), name.position()));
            return;
        }
        if (params.entries().isEmpty()) {
            problems.add(params.position(), "expected domains in " + name.text() + " [ domain = true ], got none: "
                    + "for an open relay write " + name.text() + " alone");
            return;
        }
        List<Value> domains = new ArrayList<>();
        for (Value.Entry entry : params.entries()) {
            String value = text(entry, name);
            if (value != null && !TRUE.contains(value.toLowerCase(Locale.ROOT))) {
                problems.add(entry.value().position(), "expected " + entry.key() + " = true, got "
                        + Names.shown(value) + ": list only the domains that may relay");
            }
            domains.add(new Value.Text(entry.key(), entry.position()));
        }
        options.add(new Option("Relay_For_Sending_Domains", new Value.Array(domains, params.position()),
                name.position()));
    }

    private void tls(Token name, Value.Dict params) throws ConfException {
        if (params == null) {
            return;
        }
        for (Value.Entry entry : params.entries()) {
            String key = Names.key(entry.key());
            if (key.equals("extension")) {
                advertise(entry, name, "STARTTLS", "STARTTLS");
            } else if (TLS.containsKey(key)) {
                options.add(new Option(TLS.get(key), entry.value(), entry.position()));
            } else {
                problems.add(entry.position(), "expected a TLS parameter (certificate, key, clientca, ciphers or "
                        + "extension), got " + Names.shown(entry.key()));
            }
        }
    }

    private void auth(Token name, String option, Value.Dict params) throws ConfException {
        if (params == null) {
            return;
        }
        String mechanism = name.text().toUpperCase(Locale.ROOT);
        List<Value.Entry> rest = new ArrayList<>();
        Value.Entry extension = null;
        Value.Entry argument = null;
        for (Value.Entry entry : params.entries()) {
            switch (Names.key(entry.key())) {
                case "extension" -> extension = entry;
                case "extension_argument" -> argument = entry;
                default -> rest.add(entry);
            }
        }
        options.add(new Option(option, new Value.Dict(rest, params.position()), name.position()));
        if (extension != null) {
            advertise(extension, name, "AUTH", "AUTH " + mechanism);
        }
        if (argument != null) {
            String value = text(argument, name);
            if (extension == null) {
                problems.add(argument.position(), "expected extension = AUTH with extension_argument in "
                        + name.text() + ", got none");
            } else if (value != null && !value.equalsIgnoreCase(mechanism)) {
                problems.add(argument.value().position(), "expected extension_argument = " + mechanism + " in "
                        + name.text() + ", got " + Names.shown(value));
            }
        }
    }

    private void extension(Token name, Value.Dict params) throws ConfException {
        String extension = name.text().toUpperCase(Locale.ROOT);
        if (params == null) {
            extensions.add(new Value.Text(extension, name.position()));
            return;
        }
        if (params.entries().isEmpty()) {
            advertiseAt(name.position(), extension);
        }
        for (Value.Entry entry : params.entries()) {
            if (Names.key(entry.key()).equals("extension")) {
                advertise(entry, name, extension, extension);
            } else {
                problems.add(entry.position(), "expected only extension = " + extension + " in " + name.text()
                        + ", got " + Names.shown(entry.key()));
            }
        }
    }

    /** Adds {@code advertised} to SMTP_Extensions if {@code entry}, an {@code extension = ...}, says {@code keyword}. */
    private void advertise(Value.Entry entry, Token property, String keyword, String advertised)
            throws ConfException {
        String value = text(entry, property);
        if (value == null) {
            return;
        }
        if (!value.equalsIgnoreCase(keyword)) {
            problems.add(entry.value().position(), "expected extension = " + keyword + " in " + property.text()
                    + ", got " + Names.shown(value));
            return;
        }
        advertiseAt(entry.position(), advertised);
    }

    private void advertiseAt(Position at, String advertised) {
        extensions.add(new Value.Text(advertised, at));
    }

    /** The text of a parameter that must be one value, or null after reporting that it is not. */
    private String text(Value.Entry entry, Token property) throws ConfException {
        if (entry.value() instanceof Value.Text text) {
            return text.text();
        }
        problems.add(entry.value().position(), "expected a single value for " + entry.key() + " in "
                + property.text() + ", got a list");
        return null;
    }
}
