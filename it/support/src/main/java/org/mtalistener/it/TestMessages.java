package org.mtalistener.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** RFC 5322 test messages, each findable in the Maildir by a unique token in its Subject and Message-ID. */
public final class TestMessages {

    private TestMessages() {
    }

    public static String token() {
        return "it-" + UUID.randomUUID();
    }

    public static byte[] simple(String token) {
        return message(token, "text/plain; charset=US-ASCII", "7bit", "test\r\n");
    }

    public static byte[] message(String token, String contentType, String encoding, String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String headers = "From: Sender <sender@client.test>\r\n"
                + "To: rcpt@server.test\r\n"
                + "Subject: " + token + "\r\n"
                + "Message-ID: <" + token + "@client.test>\r\n"
                + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Transfer-Encoding: " + encoding + "\r\n"
                + "\r\n";
        out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
