package org.mtalistener.mail;

import java.util.List;

/**
 * One SMTP reply: a code, an RFC 3463 enhanced status code (absent for the greeting, EHLO/HELO and 354, as RFC
 * 2034 wants) and one or more lines of text. The named replies live in {@link Replies}.
 */
public record Reply(int code, String enhancedCode, List<String> lines) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code must be 2xx to 5xx: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        for (String line : lines) {
            // A line break in the text would let the rest pass for a reply of its own.
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF: " + line);
            }
        }
    }

    public Reply(int code, String enhancedCode, String text) {
        this(code, enhancedCode, List.of(text));
    }

    /** The reply as sent, CRLF after every line; continuation lines use {@code code-}. */
    public String render(boolean enhancedCodes) {
        String enhanced = enhancedCodes && enhancedCode != null ? enhancedCode + ' ' : "";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(enhanced).append(lines.get(i))
                    .append("\r\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render(true).stripTrailing();
    }
}
