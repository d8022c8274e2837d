package org.mtalistener.conf.parse;

import java.util.ArrayList;
import java.util.List;
import org.mtalistener.conf.parse.Token.Kind;
import org.mtalistener.conf.values.Cidr;
import org.mtalistener.conf.values.ConfString;
import org.mtalistener.conf.values.ListenAddress;

/**
 * The Momentum 4 grammar, for one file:
 * <pre>
 * body   = { statement }
 * statement = NAME "=" value                 option
 *           | NAME "[" entries "]"           option with a dictionary, "=" left out (a form Momentum's docs use)
 *           | NAME ["="] "{" body "}"        anonymous scope ("=" as Momentum's docs write
 *                                            Esmtp_Listener = { ... }; a value is never a "{")
 *           | NAME instance "{" body "}"     named scope; instance = WORD | STRING
 *           | ("include" | "readonly_include") (WORD | STRING)
 *           | NAME_Listener "=" "(" 2.x list ")"   at top level only: see {@link LegacyListener}
 * value  = WORD | STRING | "(" { value } ")" | "[" entries "]"
 * entries = { (WORD | STRING) ( "=" value | "[" entries "]" ) }
 * </pre>
 * {@code include} is a statement only when no {@code =} follows it, so an option named {@code include} still reads.
 *
 * <p>Inside a listener scope (a name ending in {@code _Listener}), {@code Listen} instances must be listen addresses
 * and {@code Peer} instances CIDR blocks, checked by {@link ListenAddress} and {@link Cidr}; such a problem is
 * reported and reading goes on. Elsewhere, scopes of those names are kept unchecked, as any unknown scope is.
 */
final class ScopeParser {

    /** What the statements being read are inside of. */
    record Where(boolean topLevel, boolean inListener) {

        static final Where TOP = new Where(true, false);

        Where enter(String scopeName) {
            return new Where(false, inListener || Names.isListener(scopeName));
        }
    }

    /** Scopes, arrays and dictionaries nested deeper are surely a mistake, and each level costs stack. */
    static final int MAX_NESTING = 32;

    private final Lexer lexer;
    private final Problems problems;
    private final Includes includes;
    private final String file;
    private int nesting;

    ScopeParser(Lexer lexer, String file, Problems problems, Includes includes) {
        this.lexer = lexer;
        this.file = file;
        this.problems = problems;
        this.includes = includes;
    }

    /** The statements of the whole file. */
    List<Node> file(Where where) throws ConfException {
        return body(null, where);
    }

    /** Statements up to the "}" that closes {@code opened}, or to the end of the file if {@code opened} is null. */
    private List<Node> body(Scope opened, Where where) throws ConfException {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token token = lexer.next();
            if (token.is(Kind.EOF)) {
                if (opened != null) {
                    throw problems.fatal(token.position(), "expected \"}\" to close " + describe(opened)
                            + " opened at " + lineAndColumn(opened.position()) + ", got end of file");
                }
                return nodes;
            }
            if (token.is(Kind.RBRACE) && opened != null) {
                return nodes;
            }
            if (!token.is(Kind.WORD)) {
                throw problems.fatal(token.position(), "expected an option or scope name, got " + token.shown()
                        + (token.is(Kind.RBRACE) ? " (no scope is open)" : ""));
            }
            statement(token, nodes, where);
        }
    }

    private void statement(Token name, List<Node> nodes, Where where) throws ConfException {
        if (Names.isInclude(name.text()) && !lexer.peek().is(Kind.EQUALS)) {
            Token target = lexer.next();
            if (!target.isText()) {
                throw problems.fatal(target.position(), "expected the file or directory to " + name.text()
                        + ", got " + target.shown());
            }
            oneLine(target, "the file or directory to " + name.text());
            nodes.addAll(includes.include(name, target, file, where));
            return;
        }
        Token next = lexer.next();
        switch (next.kind()) {
            case EQUALS -> {
                if (where.topLevel() && Names.isListener(name.text()) && lexer.peek().is(Kind.LPAREN)) {
                    nodes.add(new LegacyListener(this, lexer, problems).translate(name, lexer.next()));
                } else if (lexer.peek().is(Kind.LBRACE)) {
                    Token brace = lexer.next();
                    if (Names.isInclude(name.text())) {
                        throw problems.fatal(brace.position(), name.text() + " names a file or directory to read "
                                + "(" + name.text() + " \"file.conf\"), it opens no scope; got \"{\" after \"=\"");
                    }
                    nodes.add(scope(name, null, where));
                } else {
                    nodes.add(new Option(name.text(), value(lexer.next(), "a value after \"=\""), name.position()));
                }
            }
            case LBRACKET -> {
                if (where.inListener() && name.text().equalsIgnoreCase("listen")) {
                    // an unquoted "[::1]:25" would read as a dictionary: say what is wrong instead
                    throw problems.fatal(next.position(), "expected the listen address in quotes after "
                            + name.text() + ", as in Listen \"[::1]:25\" { }, got \"[\"");
                }
                nodes.add(new Option(name.text(), dict(next), name.position()));
            }
            case LBRACE -> nodes.add(scope(name, null, where));
            case WORD, STRING -> {
                oneLine(next, "the instance name of " + name.text());
                Token brace = lexer.next();
                if (!brace.is(Kind.LBRACE)) {
                    throw problems.fatal(brace.position(), "expected \"{\" to open " + name.text() + " "
                            + ConfString.quoted(next.text()) + " (or \"=\" before a value), got " + brace.shown());
                }
                nodes.add(scope(name, next, where));
            }
            default -> throw problems.fatal(next.position(), "expected \"=\", \"{\" or an instance name after "
                    + name.text() + ", got " + next.shown());
        }
    }

    private Scope scope(Token name, Token instance, Where where) throws ConfException {
        if (where.inListener()) {
            checkInstance(name, instance);
        }
        Scope header = new Scope(name.text(), instance == null ? null : instance.text(), List.of(), name.position());
        enter(name);
        List<Node> body = body(header, where.enter(name.text()));
        nesting--;
        return new Scope(header.name(), header.instance(), body, header.position());
    }

    /** A Listen scope needs a listen address, a Peer scope a CIDR block. */
    private void checkInstance(Token name, Token instance) throws ConfException {
        boolean listen = name.text().equalsIgnoreCase("listen");
        boolean peer = name.text().equalsIgnoreCase("peer");
        if (!listen && !peer) {
            return;
        }
        if (instance == null) {
            problems.add(name.position(), listen
                    ? "expected a listen address after " + name.text() + ", as in Listen \":25\" { }, got \"{\""
                    : "expected a CIDR block after " + name.text() + ", as in Peer \"10.0.0.0/8\" { }, got \"{\"");
            return;
        }
        try {
            if (listen) {
                ListenAddress.parse(instance.text());
            } else {
                Cidr.parse(instance.text());
            }
        } catch (IllegalArgumentException e) {
            problems.add(instance.position(), e.getMessage());
        }
    }

    /** A value starting at {@code first}; {@code expected} names what was wanted, for the message if it is not one. */
    Value value(Token first, String expected) throws ConfException {
        return switch (first.kind()) {
            case WORD, STRING -> new Value.Text(first.text(), first.position());
            case LPAREN -> array(first);
            case LBRACKET -> dict(first);
            default -> throw problems.fatal(first.position(), "expected " + expected + ", got " + first.shown());
        };
    }

    private Value.Array array(Token open) throws ConfException {
        List<Value> items = new ArrayList<>();
        enter(open);
        while (true) {
            Token token = lexer.next();
            if (token.is(Kind.RPAREN)) {
                nesting--;
                return new Value.Array(items, open.position());
            }
            if (token.is(Kind.EOF)) {
                throw problems.fatal(token.position(), "expected \")\" to close the array opened at "
                        + lineAndColumn(open.position()) + ", got end of file");
            }
            items.add(value(token, "a value or \")\""));
        }
    }

    /** The entries of a dictionary whose "[" was {@code open}, up to its "]". */
    Value.Dict dict(Token open) throws ConfException {
        List<Value.Entry> entries = new ArrayList<>();
        enter(open);
        while (true) {
            Token key = lexer.next();
            if (key.is(Kind.RBRACKET)) {
                nesting--;
                return new Value.Dict(entries, open.position());
            }
            if (key.is(Kind.EOF)) {
                throw problems.fatal(key.position(), "expected \"]\" to close the dictionary opened at "
                        + lineAndColumn(open.position()) + ", got end of file");
            }
            if (!key.isText() || key.text().isEmpty()) {
                throw problems.fatal(key.position(), "expected a key or \"]\", got " + key.shown());
            }
            oneLine(key, "a dictionary key");
            Token next = lexer.next();
            Value value = switch (next.kind()) {
                case EQUALS -> value(lexer.next(), "a value after \"=\"");
                case LBRACKET -> dict(next);
                default -> throw problems.fatal(next.position(), "expected \"=\" after " + Names.shown(key.text())
                        + ", got " + next.shown());
            };
            entries.add(new Value.Entry(key.text(), value, key.position()));
        }
    }

    /**
     * A quoted string may run over lines as a value, but not where it names something: an instance, a key, a file, a
     * listen address. The usual cause is a closing quote left out, so say where the string started.
     */
    void oneLine(Token token, String what) throws ConfException {
        if (token.text().indexOf('\n') >= 0) {
            throw problems.fatal(token.position(), "expected " + what + " on one line, got a string running over "
                    + "lines from here: is its closing \" missing?");
        }
    }

    /** One level deeper; a fatal problem past {@link #MAX_NESTING}. */
    private void enter(Token opening) throws ConfException {
        if (++nesting > MAX_NESTING) {
            throw problems.fatal(opening.position(), "expected scopes, arrays and dictionaries nested at most "
                    + MAX_NESTING + " deep, got deeper at " + opening.shown());
        }
    }

    static String lineAndColumn(Position position) {
        return position.line() + ":" + position.column();
    }

    private static String describe(Scope scope) {
        return scope.isAnonymous() ? scope.name() : scope.name() + " " + ConfString.quoted(scope.instance());
    }
}
