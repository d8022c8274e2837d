package org.mtalistener.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.MessageContent;

/**
 * One mail transaction, from MAIL FROM to the end of its data. It owns the content until {@link #handOver()};
 * {@link #reset()} releases content it still owns.
 */
final class Transaction {

    private String sender;
    private Map<String, String> mailParameters = Map.of();
    private final List<String> recipients = new ArrayList<>();

    /** Null until DATA or the first BDAT. */
    private MessageContent content;
    /** The content comes in BDAT chunks: DATA and more recipients are out of sequence. */
    private boolean chunked;

    boolean hasSender() {
        return sender != null;
    }

    /** The reverse path of the open transaction; empty for the null sender. */
    String sender() {
        return sender;
    }

    void mailFrom(String sender, Map<String, String> parameters) {
        this.sender = sender;
        this.mailParameters = parameters;
    }

    List<String> recipients() {
        return recipients;
    }

    void addRecipient(String recipient) {
        recipients.add(recipient);
    }

    /** Opens the content; {@code chunked}: it comes in BDAT chunks rather than after DATA. */
    void startContent(MessageContent content, boolean chunked) {
        this.content = content;
        this.chunked = chunked;
    }

    /** Whether BDAT chunks of this transaction came already. */
    boolean chunked() {
        return chunked;
    }

    /** Whether MAIL FROM said SMTPUTF8 (RFC 6531): addresses may be UTF-8. */
    boolean smtpUtf8() {
        return mailParameters.containsKey("SMTPUTF8");
    }

    /** The ESMTP parameters of MAIL FROM. */
    Map<String, String> mailParameters() {
        return mailParameters;
    }

    String queueId() {
        return content == null ? null : content.queueId();
    }

    /** The content being received; null before DATA or the first BDAT. */
    MessageContent content() {
        return content;
    }

    boolean oversized() {
        return content != null && content.oversized();
    }

    Envelope envelope() {
        return new Envelope(sender, recipients, mailParameters, smtpUtf8());
    }

    /** Gives the content away; the receiver releases it from now on. */
    ContentBuffer handOver() {
        return content.handOver();
    }

    /** Back to no transaction, releasing content that was not handed over. */
    void reset() {
        if (content != null) {
            content.drop();
            content = null;
        }
        sender = null;
        mailParameters = Map.of();
        recipients.clear();
        chunked = false;
    }
}
