package org.mtalistener.ecstream;

import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.mail.Reply;

/** The message of a session between its MESSAGE and its END frame. */
final class Incoming {

    final long tag;
    final String queueId;
    /** Null if the envelope was refused. */
    final Envelope envelope;
    /** Null once the message is refused: its content is dropped as it arrives. */
    ContentBuffer content;
    Reply refusal;
    /** DATA bytes received, dropped ones included, to check END's length against. */
    long bytes;

    Incoming(long tag, String queueId, Envelope envelope, ContentBuffer content, Reply refusal) {
        this.tag = tag;
        this.queueId = queueId;
        this.envelope = envelope;
        this.content = content;
        this.refusal = refusal;
    }

    /** Releases the content, if it still has some; the message will not be delivered. */
    void drop() {
        if (content != null) {
            content.release();
            content = null;
        }
    }

    /** Gives the content away; the receiver releases it from now on. */
    ContentBuffer handOver() {
        ContentBuffer handed = content;
        content = null;
        return handed;
    }
}
