package org.mtalistener.api;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * One received message: its envelope, the session it arrived on and its content (RFC 5322 bytes, with the
 * adapter's {@code Received:} header first, CRLF line ends, dot-stuffing removed).
 *
 * <p>Large content is kept in a temporary file, not in memory: read it as a stream.
 */
public interface InboundMessage {

    /** The id the sender was given with the acceptance reply; also in the {@code Received:} header. */
    String queueId();

    Envelope envelope();

    SessionInfo session();

    /** Size of the content in bytes. */
    long size();

    /** A new stream over the whole content, from its first byte. Each call opens a fresh stream. */
    InputStream openContent() throws IOException;

    /** The content parsed as a Jakarta Mail message (headers parsed now, body parts read on demand). */
    default MimeMessage toMimeMessage() throws IOException, MessagingException {
        try (InputStream in = openContent()) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
