package org.mtalistener.qmqp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** QMQP requests and replies as a client writes and reads them, for tests. */
public final class QmqpRequests {

    private QmqpRequests() {
    }

    /** {@code netstring(netstring(message) netstring(sender) netstring(recipient)...)}. */
    public static byte[] request(String message, String sender, String... recipients) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(netstring(message.getBytes(StandardCharsets.UTF_8)));
        inner.writeBytes(netstring(sender.getBytes(StandardCharsets.UTF_8)));
        for (String recipient : recipients) {
            inner.writeBytes(netstring(recipient.getBytes(StandardCharsets.UTF_8)));
        }
        return netstring(inner.toByteArray());
    }

    public static byte[] netstring(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write(',');
        return out.toByteArray();
    }

    /** The text inside the one reply netstring, e.g. {@code KOk: queued as ...}; fails on anything else. */
    public static String reply(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        if (colon < 1 || !text.endsWith(",")) {
            throw new AssertionError("not one netstring: \"" + text + "\"");
        }
        String inner = text.substring(colon + 1, text.length() - 1);
        if (Integer.parseInt(text.substring(0, colon)) != inner.length()) {
            throw new AssertionError("netstring length differs from its content: \"" + text + "\"");
        }
        return inner;
    }
}
