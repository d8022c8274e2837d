package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.ContentBuffer;

/**
 * One mail transaction, from MAIL FROM to the end of its data. It owns the content buffer until
 * {@link #handOver()}; {@link #reset()} releases a buffer it still owns.
 */
final class Transaction {

    private String sender;
    private Map<String, String> mailParameters = Map.of();
    private final List<String> recipients = new ArrayList<>();

    private String queueId;
    private ContentBuffer content;
    private long contentBytes;
    private boolean oversized;
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
    void startContent(String queueId, ContentBuffer content, boolean chunked) {
        this.queueId = queueId;
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
        return queueId;
    }

    /**
     * Adds a chunk of content unless that takes it past {@code maxMessageSize} (0 = no limit); from then on the
     * content is released and later chunks are dropped, so the client can finish sending before it hears 552.
     *
     * @return the buffer the chunk went to, or null if it was dropped
     */
    ContentBuffer append(ByteBuf chunk, long maxMessageSize) {
        if (content == null) {
            return null;
        }
        int length = chunk.readableBytes();
        if (maxMessageSize > 0 && contentBytes + length > maxMessageSize) {
            oversized = true;
            content.release();
            content = null;
            return null;
        }
        contentBytes += length;
        content.append(chunk);
        return content;
    }

    boolean oversized() {
        return oversized;
    }

    Envelope envelope() {
        return new Envelope(sender, recipients, mailParameters, smtpUtf8());
    }

    /** Gives the content away; the receiver releases it from now on. */
    ContentBuffer handOver() {
        ContentBuffer handed = content;
        content = null;
        return handed;
    }

    /** Back to no transaction, releasing content that was not handed over. */
    void reset() {
        if (content != null) {
            content.release();
            content = null;
        }
        sender = null;
        mailParameters = Map.of();
        recipients.clear();
        queueId = null;
        contentBytes = 0;
        oversized = false;
        chunked = false;
    }
}
