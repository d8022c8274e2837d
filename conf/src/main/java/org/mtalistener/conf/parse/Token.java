package org.mtalistener.conf.parse;

/**
 * One token of conf text.
 *
 * @param text the value: a word as written, a string unquoted and unescaped, a bracket or {@code =} itself
 * @param raw  the source text, quotes and escapes included, for messages
 */
record Token(Kind kind, String text, String raw, Position position) {

    enum Kind {
        WORD, STRING, LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, EQUALS,
        /** {@code <} and {@code >}: tokens only in a 2.x listener list, around listener attributes. */
        LANGLE, RANGLE,
        EOF
    }

    boolean is(Kind other) {
        return kind == other;
    }

    /** A word or a quoted string: something that can be a value or an instance name. */
    boolean isText() {
        return kind == Kind.WORD || kind == Kind.STRING;
    }

    /** The token for "got ..." in a message: its text in quotes (a string's unescaped), or "end of file". */
    String shown() {
        return kind == Kind.EOF ? "end of file" : Names.shown(kind == Kind.STRING ? text : raw);
    }
}
