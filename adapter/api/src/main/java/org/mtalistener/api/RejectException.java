package org.mtalistener.api;

import jakarta.ejb.ApplicationException;

/**
 * Thrown by an MDB to refuse a message with a reply of its own choosing, e.g.
 * {@code throw new RejectException(550, "5.7.1", "message refused by policy")}.
 *
 * <p>A 5xx code refuses the message for good; a 4xx code asks the sender to try again later. The delivery's
 * transaction is rolled back either way.
 */
@ApplicationException(rollback = true)
public class RejectException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String enhancedCode;

    /**
     * @param code         the SMTP reply code, 400 to 599
     * @param enhancedCode the RFC 3463 enhanced status code ({@code class.subject.detail}) whose class matches the
     *                     reply code's first digit
     * @param text         the reply text, one line
     */
    public RejectException(int code, String enhancedCode, String text) {
        super(text);
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("reply code must be 4xx or 5xx: " + code);
        }
        if (!enhancedCode.matches("[45]\\.\\d{1,3}\\.\\d{1,3}") || enhancedCode.charAt(0) != ('0' + code / 100)) {
            throw new IllegalArgumentException(
                    "enhanced code must look like " + code / 100 + ".x.y to match " + code + ": " + enhancedCode);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
        this.code = code;
        this.enhancedCode = enhancedCode;
    }

    public int code() {
        return code;
    }

    public String enhancedCode() {
        return enhancedCode;
    }

    public String text() {
        return getMessage();
    }

    public boolean isPermanent() {
        return code >= 500;
    }
}
