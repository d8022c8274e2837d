package org.mtalistener.smtp;

/** xtext (RFC 3461 section 4, first in RFC 1891): printable ASCII with {@code +XX} for the octets that are not. */
final class Xtext {

    private Xtext() {
    }

    /** The text {@code xtext} stands for; null if it is not xtext. */
    static String decode(String xtext) {
        StringBuilder text = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    return null;
                }
                int high = Character.digit(xtext.charAt(i + 1), 16);
                int low = Character.digit(xtext.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                text.append((char) (high << 4 | low));
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return null;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
