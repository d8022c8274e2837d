package org.mtalistener.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL or RCPT: {@code FROM:<path> [parameters]} or {@code TO:<path> [parameters]}, checked against
 * RFC 5321 section 4.1.2, and with non-ASCII characters where RFC 6531 (SMTPUTF8) allows them when asked to.
 *
 * @param mailbox    the path without angle brackets and source route; empty for {@code <>}
 * @param parameters the ESMTP parameters, keywords upper case, in the order given; a parameter without a value maps
 *                   to an empty string
 */
record PathArgument(String mailbox, Map<String, String> parameters) {

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    boolean isNullPath() {
        return mailbox.isEmpty();
    }

    /** Whether the domain is an address literal, as in {@code user@[192.0.2.1]}. */
    boolean hasAddressLiteral() {
        int at = mailbox.lastIndexOf('@');
        return at >= 0 && mailbox.startsWith("[", at + 1);
    }

    boolean isPostmaster() {
        return mailbox.equalsIgnoreCase("postmaster");
    }

    /** Whether the path is a local part without a domain, as {@code <postmaster>} or {@code <alice>}. */
    boolean isUnqualified() {
        return !mailbox.isEmpty() && localPartEnd(mailbox, true) == mailbox.length();
    }

    /** This path with {@code @domain} added to its local part (Domain_For_Unqualified_*). */
    PathArgument qualifiedWith(String domain) {
        return new PathArgument(mailbox + "@" + domain, parameters);
    }

    /**
     * Parses {@code argument} of a command whose keyword is {@code keyword} ({@code FROM} or {@code TO}).
     * A space after the colon is tolerated, since many clients send one.
     *
     * @return the path and parameters, or null if the argument is not well formed; whether {@code <>} or a local
     *         part without a domain ({@code <postmaster>}, {@code <alice>}) may be used is the caller's decision
     */
    static PathArgument parse(String argument, String keyword) {
        return parse(argument, keyword, false);
    }

    /**
     * As {@link #parse(String, String)}; {@code utf8}: the argument is decoded UTF-8 and may hold non-ASCII characters
     * in local parts and domain labels (RFC 6531 section 3.3).
     */
    static PathArgument parse(String argument, String keyword, boolean utf8) {
        String prefix = keyword + ":";
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        int open = prefix.length();
        while (open < argument.length() && argument.charAt(open) == ' ') {
            open++;
        }
        if (open >= argument.length() || argument.charAt(open) != '<') {
            return null;
        }
        int close = closingBracket(argument, open + 1);
        if (close < 0) {
            return null;
        }
        String mailbox = path(argument.substring(open + 1, close), utf8);
        Map<String, String> parameters = parameters(argument.substring(close + 1));
        return mailbox == null || parameters == null ? null : new PathArgument(mailbox, parameters);
    }

    /** The index of the '>' that ends the path; a quoted local part may hold one of its own. */
    private static int closingBracket(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The mailbox of a path, its source route dropped (RFC 5321 says to ignore it), or a local part alone; null if
     * malformed.
     */
    private static String path(String path, boolean utf8) {
        if (path.isEmpty() || localPartEnd(path, utf8) == path.length()) {
            return path;
        }
        String mailbox = path;
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                return null;
            }
            for (String hop : path.substring(0, colon).split(",", -1)) {
                if (!hop.startsWith("@") || !isDomain(hop.substring(1), utf8)) {
                    return null;
                }
            }
            mailbox = path.substring(colon + 1);
        }
        return isMailbox(mailbox, utf8) ? mailbox : null;
    }

    private static boolean isMailbox(String s, boolean utf8) {
        int at = localPartEnd(s, utf8);
        if (at <= 0 || at >= s.length() || s.charAt(at) != '@') {
            return false;
        }
        String domain = s.substring(at + 1);
        return isDomain(domain, utf8) || isAddressLiteral(domain);
    }

    /**
     * Where the local part at the start of {@code s} ends: the index of the '@' after it, or the length of {@code s}
     * when it is all local part; -1 if there is no well-formed local part.
     */
    private static int localPartEnd(String s, boolean utf8) {
        if (s.startsWith("\"")) {
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= s.length() || s.charAt(i + 1) < 0x20 || s.charAt(i + 1) > 0x7e) {
                        return -1;
                    }
                    i++;
                } else if (c == '"') {
                    return i > 1 ? i + 1 : -1;
                } else if (c < 0x20 || c == 0x7f || c > 0x7f && !utf8) {
                    return -1;
                }
            }
            return -1;
        }
        int at = s.indexOf('@');
        if (at < 0) {
            at = s.length();
        }
        if (at == 0) {
            return -1;
        }
        for (String atom : s.substring(0, at).split("\\.", -1)) {
            if (atom.isEmpty() || !atom.chars().allMatch(c -> isAtext(c, utf8))) {
                return -1;
            }
        }
        return at;
    }

    /** RFC 6531 adds UTF8-non-ascii to atext; a C1 control is never a character of an address. */
    private static boolean isAtext(int c, boolean utf8) {
        return c < 0x80 ? Character.isLetterOrDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0 : utf8 && c >= 0xa0;
    }

    /** {@code sub-domain *("." sub-domain)}; a sub-domain starts and ends with a letter or digit. */
    static boolean isDomain(String s) {
        return isDomain(s, false);
    }

    /** As {@link #isDomain(String)}; {@code utf8}: labels may be U-labels (non-ASCII letters, RFC 6531). */
    static boolean isDomain(String s, boolean utf8) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !isLetDig(label.charAt(0), utf8)
                    || !isLetDig(label.charAt(label.length() - 1), utf8)) {
                return false;
            }
            if (!label.chars().allMatch(c -> isLetDig(c, utf8) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [1.2.3.4]}, {@code [IPv6:...]} or a general literal: printable ASCII without brackets or backslash. */
    static boolean isAddressLiteral(String s) {
        if (s.length() < 3 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            return false;
        }
        return s.substring(1, s.length() - 1).chars().allMatch(c -> c >= 33 && c <= 126 && c != '[' && c != ']'
                && c != '\\');
    }

    private static boolean isLetDig(int c, boolean utf8) {
        return isLetDig(c) || utf8 && c >= 0xa0;
    }

    private static boolean isLetDig(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code *(SP esmtp-keyword ["=" esmtp-value])}; null if malformed or a keyword repeats. */
    private static Map<String, String> parameters(String s) {
        if (s.isEmpty()) {
            return Map.of();
        }
        if (s.charAt(0) != ' ') {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : s.strip().split(" +")) {
            int eq = token.indexOf('=');
            String keyword = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (!isKeyword(keyword) || (eq >= 0 && !isValue(value))) {
                return null;
            }
            if (parameters.put(keyword.toUpperCase(Locale.ROOT), value) != null) {
                return null;
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static boolean isKeyword(String s) {
        return !s.isEmpty() && isLetDig(s.charAt(0)) && s.chars().allMatch(c -> isLetDig(c) || c == '-');
    }

    private static boolean isValue(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 33 && c <= 126 && c != '=');
    }
}
