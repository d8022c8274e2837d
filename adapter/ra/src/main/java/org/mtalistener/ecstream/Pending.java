package org.mtalistener.ecstream;

import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.Reply;

/** One message of a session from its END to its reply. */
final class Pending {

    final long tag;
    final String queueId;
    /** Content bytes held for it until its delivery ends, for the session's memory budget. */
    final long heldBytes;
    /** The message while it waits for the deliverer; null once handed over, or if it was refused outright. */
    private ReceivedMessage message;
    private boolean done;
    /** Null with {@code done}: accepted. */
    private Reply refusal;

    private Pending(long tag, String queueId, ReceivedMessage message, Reply refusal) {
        this.tag = tag;
        this.queueId = queueId;
        this.message = message;
        this.heldBytes = message == null ? 0 : message.size();
        this.refusal = refusal;
        this.done = refusal != null;
    }

    static Pending toDeliver(long tag, ReceivedMessage message) {
        return new Pending(tag, message.queueId(), message, null);
    }

    static Pending refused(long tag, String queueId, Reply refusal) {
        return new Pending(tag, queueId, null, refusal);
    }

    ReceivedMessage handOver() {
        ReceivedMessage handed = message;
        message = null;
        return handed;
    }

    /** Answers it without a delivery, releasing its content. */
    void refuse(Reply reply) {
        ReceivedMessage left = handOver();
        if (left != null) {
            left.content().release();
        }
        finish(reply);
    }

    /** @param reply null for accepted */
    void finish(Reply reply) {
        refusal = reply;
        done = true;
    }

    boolean done() {
        return done;
    }

    Reply refusal() {
        return refusal;
    }
}
