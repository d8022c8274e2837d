package org.mtalistener.conf.parse;

import java.util.Locale;

/**
 * The character rules shared by the lexer, the tree and the printer, so that what the printer writes bare is exactly
 * what the lexer reads back as one word.
 */
final class Names {

    /** Characters that end a bare word in both syntaxes (besides whitespace, control characters and comments). */
    private static final String STRUCTURAL = "{}()[]=\"#";

    private Names() {
    }

    /** The form names are compared in: Momentum option and scope names are case-insensitive. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean same(String name, String other) {
        return key(name).equals(key(other));
    }

    static boolean isWhitespace(char c) {
        // U+FEFF (a byte order mark, or a zero-width no-break space pasted in) separates like a space wherever it is,
        // so a file reads the same whether or not an editor put a BOM in front.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /** Characters no conf text may hold outside a comment: C0 controls other than tab, CR, LF and FF, and DEL. */
    static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f;
    }

    /**
     * Whether {@code c} may be part of a bare word. In a 2.x listener list ({@code listMode}) {@code <} and {@code >}
     * also end a word, since they enclose the attributes: {@code *:25 <proto=ipv4>}.
     */
    static boolean isWordChar(char c, boolean listMode) {
        if (isWhitespace(c) || isForbiddenControl(c) || STRUCTURAL.indexOf(c) >= 0) {
            return false;
        }
        return !listMode || (c != '<' && c != '>');
    }

    /**
     * Whether {@code text} reads back as one bare word in a scope (not in a 2.x list): not empty, only word
     * characters, and no {@code /*}, which starts a comment even inside a word.
     */
    static boolean isBareWord(String text) {
        if (text.isEmpty() || text.contains("/*")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isWordChar(text.charAt(i), false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the printer writes a value bare. Far stricter than {@link #isBareWord}: the manual says values with
     * whitespace or any of {@code # / " ' = { } [ ] ( )} must be quoted, and printed text should read in Momentum
     * too, so only ASCII letters, digits and {@code _ . - : + @} stay bare ({@code 300}, {@code 0666},
     * {@code accept-pool}, {@code example.com}); paths, URIs and patterns are quoted.
     */
    static boolean isPlainValue(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_.-:+@".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a name (a scope instance, a dictionary key, an include target) can be written: on one line, with no
     * control characters.
     */
    static boolean isWritableText(String text) {
        return text.indexOf('\n') < 0 && isWritableValue(text);
    }

    /** Whether a value can be written: a quoted string may run over lines, but holds no other control character. */
    static boolean isWritableValue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\f' || isForbiddenControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} for an error message: quoted, and shortened if long, so that a message stays one short line. */
    static String shown(String text) {
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        StringBuilder out = new StringBuilder().append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Whether a scope or option name is a Momentum listener ({@code ESMTP_Listener}, {@code Control_Listener}...). */
    static boolean isListener(String name) {
        return key(name).endsWith("_listener");
    }

    /** {@code include} and {@code readonly_include}, which splice files in; both are read alike here. */
    static boolean isInclude(String name) {
        String key = key(name);
        return key.equals("include") || key.equals("readonly_include");
    }
}
