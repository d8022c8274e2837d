package org.mtalistener.smtp;

/** One command line split into its verb and its argument. */
record SmtpCommand(Verb verb, String argument) {

    enum Verb {
        EHLO, HELO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, VRFY, HELP, STARTTLS, AUTH,
        XCLIENT, XREMOTEIP, XDUMPCONTEXT, XSETCONTEXT,
        /** a verb the session does not know */
        UNKNOWN,
        /** the line holds control characters, e.g. a bare CR */
        INVALID
    }

    /**
     * Parses a line without its line ending. Verbs are matched case-insensitively; the argument is what follows
     * the first space, with surrounding blanks removed, since many clients send {@code "RSET "}.
     */
    static SmtpCommand parse(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return new SmtpCommand(Verb.INVALID, "");
            }
        }
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String word = space < 0 ? trimmed : trimmed.substring(0, space);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return new SmtpCommand(verb(word), argument);
    }

    private static Verb verb(String word) {
        if (word.length() < 4 || word.length() > 12) {
            return Verb.UNKNOWN;
        }
        // ASCII only: String.toUpperCase would turn some Latin-1 letters into ASCII ones.
        char[] upper = new char[word.length()];
        for (int i = 0; i < upper.length; i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            } else if (c < 'A' || c > 'Z') {
                return Verb.UNKNOWN;
            }
            upper[i] = c;
        }
        String name = new String(upper);
        for (Verb verb : Verb.values()) {
            if (verb.name().equals(name)) {
                return verb;
            }
        }
        return Verb.UNKNOWN;
    }
}
