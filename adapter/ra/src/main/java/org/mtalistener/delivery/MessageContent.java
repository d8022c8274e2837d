package org.mtalistener.delivery;

import io.netty.buffer.ByteBuf;

/**
 * The content of one message while it arrives: its queue id, its buffer until the message is handed over or
 * dropped, the content bytes that came (dropped ones included) and whether they went past Max_Message_Size. A
 * message refused before its content came has a queue id and no buffer: what comes for it is counted and dropped.
 */
public final class MessageContent {

    private final String queueId;
    private ContentBuffer buffer;
    private long bytes;
    private boolean oversized;

    MessageContent(String queueId, ContentBuffer buffer) {
        this.queueId = queueId;
        this.buffer = buffer;
    }

    /** A message refused before its content came: its content is counted and dropped. */
    public static MessageContent refused(String queueId) {
        return new MessageContent(queueId, null);
    }

    public String queueId() {
        return queueId;
    }

    /** Content bytes that came so far, dropped ones included. */
    public long bytes() {
        return bytes;
    }

    /** Whether the content went past Max_Message_Size: it was dropped, and the message is to be refused. */
    public boolean oversized() {
        return oversized;
    }

    /**
     * Adds a chunk unless that takes the content past {@code maxMessageSize} (0 = no limit); from then on the
     * content is released and later chunks are dropped, so the client can finish sending before it hears so.
     *
     * @return the buffer the chunk went to, or null if it was dropped
     */
    ContentBuffer append(ByteBuf chunk, long maxMessageSize) {
        bytes += chunk.readableBytes();
        if (buffer == null) {
            return null;
        }
        if (maxMessageSize > 0 && bytes > maxMessageSize) {
            oversized = true;
            drop();
            return null;
        }
        buffer.append(chunk);
        return buffer;
    }

    /** Gives the buffer away (null if the content was dropped); the receiver releases it from now on. */
    public ContentBuffer handOver() {
        ContentBuffer handed = buffer;
        buffer = null;
        return handed;
    }

    /** Releases the buffer, if the content still has one: the message will not be delivered. */
    public void drop() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
