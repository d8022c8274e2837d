package org.mtalistener.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Copies Payara Micro's output to ours as it comes, byte for byte, and hands the start of each line to a reader for as
 * long as that reader wants lines. Copying never waits on the reader's verdict about earlier lines and never holds a
 * whole line: Payara's output pipe is drained however long a line is, so Payara's logging threads never block on us.
 */
final class PayaraOutput {

    /** Characters of a line handed to the reader; every line the start-up is judged by is far shorter. */
    static final int SCANNED_PREFIX = 4096;

    private final InputStream from;
    private final OutputStream to;
    private final byte[] line = new byte[SCANNED_PREFIX];
    private int lineLength;

    PayaraOutput(InputStream from, OutputStream to) {
        this.from = from;
        this.to = to;
    }

    /**
     * Copies until the end of Payara's output. Each line (at most {@link #SCANNED_PREFIX} bytes of it, without its
     * line end) goes to {@code reader} until it returns false; after that the output is only copied.
     */
    void copy(Predicate<String> reader) throws IOException {
        boolean reading = true;
        byte[] buffer = new byte[8192];
        for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            to.flush();
            for (int i = 0; i < n && reading; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    reading = reader.test(takeLine());
                } else if (lineLength < line.length) {
                    line[lineLength++] = b;
                }
            }
        }
        if (reading && lineLength > 0) {
            reader.test(takeLine());
        }
    }

    private String takeLine() {
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        lineLength = 0;
        return text;
    }
}
