package org.mtalistener.log;

/**
 * Text a client sent, made fit for the server log: every control character escaped (so a client cannot end the line
 * and forge one of its own) and the length capped (so a client cannot make lines that slow the log and whatever
 * reads it). Everything a client wrote goes through here before it is logged.
 */
public final class ClientText {

    /** Characters of client text kept in one log line; the rest is counted, not shown. */
    public static final int MAX_LOGGED = 200;

    private ClientText() {
    }

    /** The text escaped and capped, between double quotes; {@code null} stays {@code null}. */
    public static String quoted(CharSequence text) {
        return text == null ? "null" : "\"" + escaped(text) + "\"";
    }

    /** The text escaped and capped: {@code \n}, {@code \t}, {@code \\}, {@code \"}, other controls as {@code \\uXXXX}. */
    public static String escaped(CharSequence text) {
        int shown = Math.min(text.length(), MAX_LOGGED);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < shown && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > shown) {
            out.append("...(").append(text.length() - shown).append(" more)");
        }
        return out.toString();
    }

    /**
     * C0 and C1 controls, DEL, the Unicode line and paragraph separators (which some log viewers break lines at) and
     * the bidirectional overrides (which make a viewer show text in another order than it was written), and
     * surrogate halves that are not a pair.
     */
    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || Character.isSurrogate(c);
    }
}
