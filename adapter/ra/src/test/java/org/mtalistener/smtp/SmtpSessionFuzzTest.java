package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.net.WritesAfterClose;

/**
 * Any bytes as the content of a DATA transaction and whatever the client sends after it, to a session on an
 * embedded channel ({@link SessionHarness}) whose MDB accepts everything:
 * <ul>
 *   <li>everything the session writes is SMTP replies: lines of a code 2xx-5xx, a space or a hyphen, text, CR LF;
 *       the lines of a multi-line reply all carry its code;</li>
 *   <li>the message ends only on CR LF "." CR LF: without one nothing is delivered; with one, the MDB gets exactly
 *       the content before it, unstuffed, after the session's Received header;</li>
 *   <li>nothing is written after the session closed the connection;</li>
 *   <li>no warning is logged (an unexpected exception is one), every buffer and spill file is released.</li>
 * </ul>
 */
class SmtpSessionFuzzTest {

    private static final String ENVELOPE = "EHLO client.example.org\r\nMAIL FROM:<a@example.org>\r\n"
            + "RCPT TO:<b@example.com>\r\nDATA\r\n";
    private static final Pattern REPLY_LINE = Pattern.compile("[2-5][0-9]{2}[ -][^\r\n]*");
    private static final Path SPILL = spillDir();

    private static Path spillDir() {
        try {
            Path dir = Files.createTempDirectory("smtp-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void repliesAreSmtpAndAMessageEndsOnlyOnCrlfDotCrlf(byte[] content) {
        String input = new String(content, StandardCharsets.ISO_8859_1);
        String replies;
        List<String> delivered = new ArrayList<>();
        // ALLOW: the model below reads bare CR and LF as RFC 5321 does (SmtpDataTest covers reject and normalize)
        try (SessionHarness smtp = new SessionHarness(SPILL, SessionHarness.settings(BareNewlinePolicy.ALLOW))) {
            WritesAfterClose guard = new WritesAfterClose();
            smtp.channel.pipeline().addFirst(guard);
            smtp.send(ENVELOPE + input);
            // the MDB takes each message; the session then reads what was pipelined after it
            for (int done = 0; done < smtp.deliverer.deliveries.size(); done++) {
                FakeDeliverer.Delivery delivery = smtp.deliverer.deliveries.get(done);
                smtp.complete(done, new DeliveryOutcome.Accepted(delivery.message.queueId()));
                delivered.add(delivery.content());
            }
            replies = smtp.greeting + smtp.replies();
            assertEquals(List.of(), guard.late(), "written after the close");
        }
        assertReplies(replies);
        int end = ("\r\n" + input).indexOf("\r\n.\r\n");
        if (end < 0) {
            assertEquals(List.of(), delivered, "delivered without CR LF . CR LF");
            return;
        }
        assertTrue(!delivered.isEmpty(), "ended by CR LF . CR LF, yet not delivered: " + replies);
        String body = unstuffed(input.substring(0, end));
        String message = delivered.get(0);
        assertTrue(message.endsWith(body), message);
        String header = message.substring(0, message.length() - body.length());
        assertTrue(header.startsWith("Received: ") && header.endsWith("\r\n"), message);
    }

    /** The content as the MDB sees it: a dot at the start of a line (after CR LF) removed. */
    private static String unstuffed(String content) {
        return ("\r\n" + content).replace("\r\n.", "\r\n").substring(2);
    }

    private static void assertReplies(String output) {
        assertTrue(output.isEmpty() || output.endsWith("\r\n"), "a reply left unfinished: " + output);
        String open = null;
        for (String line : output.split("\r\n")) {
            assertTrue(REPLY_LINE.matcher(line).matches(), "not an SMTP reply line: " + line);
            String code = line.substring(0, 3);
            assertTrue(open == null || open.equals(code), "a multi-line " + open + " reply went on as " + line);
            open = line.charAt(3) == '-' ? code : null;
        }
        assertNull(open, "a multi-line reply without its last line");
    }
}
