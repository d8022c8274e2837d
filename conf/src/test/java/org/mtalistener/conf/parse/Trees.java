package org.mtalistener.conf.parse;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of conf trees for the property tests: names of any bare-word spelling and case, texts with every
 * character that needs quoting or escaping, nested arrays and dictionaries, and listener scopes with valid Listen and
 * Peer instances (which the parser checks).
 */
final class Trees {

    static final Position AT = new Position("generated.conf", 1, 1);

    /** Characters that stress quoting: structural ones, comment markers, escapes, odd whitespace, non-ASCII. */
    private static final String HARD = " \t{}()[]=\"#/*\\'<>,~:.@+-_\u00e9\u2003\uD83D\uDCE7";

    private Trees() {
    }

    /** Scope and option names; never a listener's name, which top-level 2.x detection and checks treat apart. */
    static Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("abcxyzABCXYZ_-0189.:*/+@!$%&'<>\\,~\u00e9")
                .ofMinLength(1).ofMaxLength(10)
                .filter(Names::isBareWord)
                .filter(name -> !Names.isInclude(name) && !Names.isListener(name));
    }

    /** Values, instances and keys: anything a quoted string can hold, the empty string included. */
    static Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(HARD).withCharRange('a', 'e').withCharRange('0', '3')
                .ofMaxLength(12)
                .filter(Names::isWritableText);
    }

    static Arbitrary<Value> values(int depth) {
        Arbitrary<Value> text = texts().map(text1 -> new Value.Text(text1, AT));
        if (depth == 0) {
            return text;
        }
        Arbitrary<Value> inner = values(depth - 1);
        Arbitrary<Value> array = inner.list().ofMaxSize(4).map(items -> new Value.Array(items, AT));
        Arbitrary<Value.Entry> entry = Combinators.combine(texts().filter(key -> !key.isEmpty()), inner)
                .as((key, value) -> new Value.Entry(key, value, AT));
        Arbitrary<Value> dict = entry.list().ofMaxSize(4).map(entries -> new Value.Dict(entries, AT));
        return Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(1, array), Tuple.of(1, dict));
    }

    static Arbitrary<Node> options() {
        return Combinators.combine(names(), values(2)).as((name, value) -> new Option(name, value, AT));
    }

    static Arbitrary<Node> nodes(int depth) {
        if (depth == 0) {
            return options();
        }
        Arbitrary<Node> scope = Combinators.combine(names(), texts().injectNull(0.3), nodes(depth - 1).list().ofMaxSize(4))
                .as((name, instance, body) -> new Scope(name, instance, body, AT));
        return Arbitraries.frequencyOf(Tuple.of(3, options()), Tuple.of(1, scope));
    }

    /** A listener scope with Listen and Peer scopes whose instances are valid, and other statements. */
    static Arbitrary<Node> listeners() {
        Arbitrary<Node> peer = Combinators.combine(
                Arbitraries.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.1", "::1", "2001:DB8::/32"),
                options().list().ofMaxSize(3))
                .as((block, body) -> new Scope("Peer", block, body, AT));
        Arbitrary<Node> listenStatement = Arbitraries.frequencyOf(Tuple.of(2, options()), Tuple.of(1, peer));
        Arbitrary<Node> listen = Combinators.combine(
                Arbitraries.of("*:25", ":25", "[::1]:25", "[*]:587", "/tmp/2025", "127.0.0.1:2025"),
                listenStatement.list().ofMaxSize(4))
                .as((address, body) -> new Scope("listen", address, body, AT));
        Arbitrary<Node> statement = Arbitraries.frequencyOf(Tuple.of(2, options()), Tuple.of(1, peer),
                Tuple.of(2, listen), Tuple.of(1, nodes(1)));
        return Combinators.combine(Arbitraries.of("ESMTP_Listener", "control_listener", "ECStream_LISTENER"),
                        statement.list().ofMaxSize(4))
                .as((name, body) -> new Scope(name, null, body, AT));
    }

    static Arbitrary<ConfFile> files() {
        Arbitrary<Node> top = Arbitraries.frequencyOf(Tuple.of(4, nodes(3)), Tuple.of(1, listeners()));
        return top.list().ofMaxSize(5).map(body -> new ConfFile("generated.conf", body));
    }

    /** Conf-like text: fragments of both syntaxes glued in any order, mostly broken. */
    static Arbitrary<String> confLikeText() {
        Arbitrary<String> fragment = Arbitraries.of(List.of("{", "}", "(", ")", "[", "]", "=", "<", ">", "\"",
                "\"a b\"", "\\\"", "#", "# c\n", "/*", "*/", "\n", " ", " ", "\t", "\r\n", "include", "include nope.conf",
                "Listen", "Peer", "S", "x", "300", "ESMTP_Listener {", "Esmtp_Listener = (", "*:25", "*:587,200~20",
                "[::1]:25", "/tmp/2025", "0.0.0.0/0", "10.0.0.1", "personality", "continue",
                "relay_for_sending_domains", "TLS", "CRAM-MD5", "XCLIENT", "extension", "AUTH", "\u00e9", "\u0001",
                "<proto=ipv4>", "<status=\"disabled\">", "\uD83D", "\uFEFF", "include \"\uD83Dx\"",
                // whole statements, so that some texts are valid
                " x = 300 ", " A = ( a \"b c\" ) ", " D = [ k = v ] ", " S { ", " } ", " ESMTP_Listener { Listen \":25\" { ",
                " Peer \"10.0.0.0/8\" { } ", " Esmtp_Listener = ( *:25 ) ", " ECStream_Listener = ( *:1825,5 <proto=ipv4> [ "
                        + "0.0.0.0/0 = ( continue personality [ idle_time = 1 ] ) ] ) "));
        return fragment.list().ofMaxSize(40).map(fragments -> String.join("", fragments));
    }
}
