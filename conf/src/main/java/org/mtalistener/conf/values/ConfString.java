package org.mtalistener.conf.values;

/** Text in double quotes, the two ways the conf code writes it: as conf syntax, and inside a message. */
public final class ConfString {

    private ConfString() {
    }

    /**
     * {@code text} as a conf quoted string: {@code \} and {@code "} escaped by {@code \}, which the lexer reads
     * back; anything else (a tab, say) as it is.
     */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * {@code text} for a message a person reads: in double quotes, with quotes, backslashes and control characters
     * escaped, so that the message stays on one line and shows what was really there.
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
