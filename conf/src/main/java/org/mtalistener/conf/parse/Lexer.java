package org.mtalistener.conf.parse;

import org.mtalistener.conf.parse.Token.Kind;

/**
 * Splits conf text into tokens, on demand, so the parser can switch to the 2.x listener-list rules
 * ({@link #listMode(boolean)}) where a list starts.
 *
 * <p>The rules (Momentum documents the first four; the rest are decisions, since it does not say):
 * <ul>
 *   <li>whitespace only separates tokens;</li>
 *   <li>{@code #} starts a comment to the end of the line;</li>
 *   <li>{@code /*} starts a comment to the next {@code *}{@code /}; comments do not nest, so a {@code /*} inside one
 *       is just text, and one never closed is an error where it starts;</li>
 *   <li>structural characters: {@code { } ( ) [ ] =} and, in a 2.x list only, {@code < >};</li>
 *   <li>a quoted string is {@code "..."}, and may run over several lines, as Momentum's own examples do with an SQL
 *       query in an {@code auth_ds} scheme; a line break in it is kept as one LF, whatever the file uses. Inside,
 *       {@code \"} is a quote and {@code \\} a backslash; a backslash before anything else is kept with it, so
 *       regular expressions ({@code "^\d+$"}) and Windows names read as written. A string still open at the end of
 *       the file is an error where it starts;</li>
 *   <li>a bare word is everything up to whitespace, a structural character, a quote, {@code #} or {@code /*}:
 *       {@code digest:///opt/passwd}, {@code *:587,200~20}, {@code 0666}, {@code accept-pool}. Outside quotes a
 *       comment marker always starts a comment, even inside a word;</li>
 *   <li>in a 2.x list, {@code [} starts a word when it opens a bracketed IPv6 listen address ({@code [::1]:25},
 *       {@code [*]:25}) rather than an ACL: when hex digits, {@code :}, {@code .} or {@code *} follow up to a
 *       {@code ]};</li>
 *   <li>control characters other than tab, CR, LF and FF are errors outside comments; a byte order mark at the very
 *       start is skipped.</li>
 * </ul>
 */
final class Lexer {

    private final String text;
    private final String file;
    private final Problems problems;
    private boolean listMode;
    private int offset;
    private int line = 1;
    private int column = 1;

    Lexer(String text, String file, Problems problems) {
        this.text = text;
        this.file = file;
        this.problems = problems;
        if (text.startsWith("\uFEFF")) {
            offset = 1;
        }
    }

    /** In a 2.x listener list, {@code <} and {@code >} are tokens and {@code [::1]:25} is one word. */
    void listMode(boolean on) {
        listMode = on;
    }

    /** The next token without consuming it. */
    Token peek() throws ConfException {
        int savedOffset = offset;
        int savedLine = line;
        int savedColumn = column;
        Token token = next();
        offset = savedOffset;
        line = savedLine;
        column = savedColumn;
        return token;
    }

    Token next() throws ConfException {
        skipSpaceAndComments();
        Position at = position();
        if (offset >= text.length()) {
            return new Token(Kind.EOF, "", "", at);
        }
        char c = text.charAt(offset);
        Kind single = switch (c) {
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '=' -> Kind.EQUALS;
            case ']' -> Kind.RBRACKET;
            case '[' -> listMode && bracketedAddressAhead() ? null : Kind.LBRACKET;
            case '<' -> listMode ? Kind.LANGLE : null;
            case '>' -> listMode ? Kind.RANGLE : null;
            default -> null;
        };
        if (single != null) {
            advance();
            return new Token(single, String.valueOf(c), String.valueOf(c), at);
        }
        if (c == '"') {
            return string(at);
        }
        if (Names.isForbiddenControl(c)) {
            throw problems.fatal(at, String.format("expected text, got the control character U+%04X", (int) c));
        }
        return word(at);
    }

    private Token word(Position at) {
        int start = offset;
        if (text.charAt(offset) == '[') {
            // a bracketed address in a 2.x list: bracketedAddressAhead() checked that a "]" closes it
            while (text.charAt(offset) != ']') {
                advance();
            }
            advance();
        }
        while (offset < text.length() && Names.isWordChar(text.charAt(offset), listMode) && !commentAhead()) {
            advance();
        }
        String word = text.substring(start, offset);
        return new Token(Kind.WORD, word, word, at);
    }

    private Token string(Position at) throws ConfException {
        int start = offset;
        advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (offset >= text.length()) {
                throw problems.fatal(at, "unterminated string: expected a closing \" for the one opened here, got "
                        + "end of file");
            }
            char c = text.charAt(offset);
            if (c == '\r') {
                advance();
                if (offset < text.length() && text.charAt(offset) == '\n') {
                    advance();
                }
                value.append('\n');
                continue;
            }
            if (Names.isForbiddenControl(c) || c == '\f') {
                throw problems.fatal(position(),
                        String.format("expected text in a quoted string, got the control character U+%04X", (int) c));
            }
            advance();
            if (c == '"') {
                return new Token(Kind.STRING, value.toString(), text.substring(start, offset), at);
            }
            if (c == '\\' && offset < text.length() && (text.charAt(offset) == '"' || text.charAt(offset) == '\\')) {
                c = text.charAt(offset);
                advance();
            }
            value.append(c);
        }
    }

    private void skipSpaceAndComments() throws ConfException {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (Names.isWhitespace(c)) {
                advance();
            } else if (c == '#') {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    advance();
                }
            } else if (commentAhead()) {
                Position start = position();
                int end = text.indexOf("*/", offset + 2);
                if (end < 0) {
                    throw problems.fatal(start, "unterminated comment: expected */ to close the /* here, got end "
                            + "of file");
                }
                while (offset < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private boolean commentAhead() {
        return text.startsWith("/*", offset);
    }

    /** At a "[": whether a bracketed IPv6 listen address follows, as in "[::1]:25" or "[*]:25". */
    private boolean bracketedAddressAhead() {
        int i = offset + 1;
        while (i < text.length() && isAddressChar(text.charAt(i))) {
            i++;
        }
        return i > offset + 1 && i < text.length() && text.charAt(i) == ']';
    }

    private static boolean isAddressChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.'
                || c == '*';
    }

    private void advance() {
        char c = text.charAt(offset++);
        if (c == '\n') {
            line++;
            column = 1;
        } else if (!Character.isLowSurrogate(c)) {
            column++;
        }
    }

    private Position position() {
        return new Position(file, line, column);
    }
}
