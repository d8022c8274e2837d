package org.mtalistener.http;

import java.io.ByteArrayOutputStream;

/**
 * Turns the line ends of a message into CR LF as it streams: a bare LF (what {@code curl --data-binary} sends from
 * a file written on Unix, and what Momentum's JSON templates write) and a bare CR each become CR LF, so the MDB
 * gets RFC 5322 text whatever the client's line ends. One per message: a CR at the end of one chunk waits for the
 * next.
 */
final class LineEnds {

    private boolean afterCr;

    /** The bytes of {@code from} to {@code to} with CR LF line ends. */
    byte[] toCrlf(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + 16);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (afterCr && b != '\n') {
                out.write('\n');
            }
            if (b == '\n' && !afterCr) {
                out.write('\r');
            }
            out.write(b);
            afterCr = b == '\r';
        }
        return out.toByteArray();
    }

    /** The end of the message: a CR it ended with gets its LF. */
    byte[] end() {
        boolean dangling = afterCr;
        afterCr = false;
        return dangling ? new byte[] {'\n'} : new byte[0];
    }
}
