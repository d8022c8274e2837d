package org.mtalistener.it.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The ledger's messages: each carries its run and number in {@value #NUMBER_HEADER} (and its Subject), and the
 * fault the MDB is to inject in {@value #FAULT_HEADER}. The MDB and the store scan read them back with
 * {@link #header}.
 */
public final class LedgerMessage {

    public static final String NUMBER_HEADER = "X-Ledger";
    public static final String FAULT_HEADER = "X-Ledger-Fault";

    private LedgerMessage() {
    }

    /** The RFC 5322 bytes of message {@code number} of {@code run}; no line starts with a dot, so none is stuffed. */
    public static byte[] compose(String run, int number, Fault fault) {
        StringBuilder text = new StringBuilder()
                .append("From: ledger@client.test\r\n")
                .append("To: ledger@server.test\r\n")
                .append("Subject: ledger ").append(run).append(" #").append(number).append("\r\n")
                .append("Message-ID: <").append(run).append('.').append(number).append("@client.test>\r\n")
                .append(NUMBER_HEADER).append(": ").append(run).append(' ').append(number).append("\r\n");
        if (fault != Fault.NONE) {
            text.append(FAULT_HEADER).append(": ").append(fault.headerValue()).append("\r\n");
        }
        text.append("\r\n").append("message ").append(number).append(" of the no-loss ledger\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The value of the first header called {@code name} in the header section of {@code content}, its folded lines
     * joined by single spaces, or null.
     */
    public static String header(byte[] content, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        StringBuilder value = null;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && content[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == start) {
                break; // the blank line: the headers are over
            }
            String line = new String(content, start, lineEnd - start, StandardCharsets.ISO_8859_1);
            boolean folded = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (value != null) {
                if (!folded) {
                    break;
                }
                value.append(' ').append(line.trim());
            } else if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                value = new StringBuilder(line.substring(prefix.length()).trim());
            }
            start = end + 1;
        }
        return value == null ? null : value.toString();
    }
}
