package org.mtalistener.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The recipient check as a container must run it, the same on every server: four RCPTs pipelined in one packet to a
 * listener whose test MDB refuses one domain and fails for {@code fail@server.test}; the replies come back in order
 * and the message is stored once, for the two recipients accepted.
 */
public final class RecipientCheckScenario {

    private RecipientCheckScenario() {
    }

    /** Runs it against the {@link RecipientCheckingMdb} listening on {@code port}. */
    public static void run(int port) throws IOException {
        String token = TestMessages.token();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(reply(in).startsWith("220 "));
            write(out, "EHLO client.test\r\n");
            assertTrue(reply(in).contains("250-PIPELINING"));
            // one packet: the checks run one after another on the server, the replies come back in order
            write(out, "MAIL FROM:<s@client.test>\r\n"
                    + "RCPT TO:<a@server.test>\r\n"
                    + "RCPT TO:<x@" + RecipientCheckingMdb.REFUSED_DOMAIN + ">\r\n"
                    + "RCPT TO:<fail@server.test>\r\n"
                    + "RCPT TO:<b@server.test>\r\n"
                    + "DATA\r\n");
            assertEquals("250 2.1.0 MAIL FROM accepted", reply(in));
            assertEquals("250 2.1.5 RCPT TO accepted", reply(in));
            assertEquals("550 " + RecipientCheckingMdb.REFUSAL, reply(in));
            assertEquals("451 4.3.0 recipient check failed, try again later", reply(in));
            assertEquals("250 2.1.5 RCPT TO accepted", reply(in));
            assertTrue(reply(in).startsWith("354 "));
            write(out, "Subject: " + token + "\r\n\r\nchecked recipients\r\n.\r\n");
            assertTrue(reply(in).startsWith("250 2.0.0 OK queued as "));
            write(out, "QUIT\r\n");
            assertTrue(reply(in).startsWith("221 "));
        }
        List<Path> stored = Mailbox.containing(token);
        assertEquals(1, stored.size());
        String content = new String(Mailbox.read(stored.get(0)), StandardCharsets.US_ASCII);
        assertTrue(content.startsWith("X-Envelope-To: a@server.test, b@server.test\r\nReceived:"), content);
    }

    /** One reply, its lines joined by newlines. */
    private static String reply(BufferedReader in) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return reply.toString();
            }
        }
        throw new IOException("connection closed after: " + reply);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
