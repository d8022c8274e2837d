package org.mtalistener.ecstream;

import org.mtalistener.api.Envelope;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.MessageContent;
import org.mtalistener.mail.Reply;

/** The message of a session between its MESSAGE and its END frame. */
final class Incoming {

    final long tag;
    /** Null if the envelope was refused. */
    final Envelope envelope;
    /** Without a buffer if the envelope was refused: its content is counted and dropped as it arrives. */
    final MessageContent content;
    /** The envelope's refusal; null if it was taken. */
    final Reply refusal;

    Incoming(long tag, Envelope envelope, MessageContent content, Reply refusal) {
        this.tag = tag;
        this.envelope = envelope;
        this.content = content;
        this.refusal = refusal;
    }

    String queueId() {
        return content.queueId();
    }

    /** Why the message is refused: its envelope, or content past Max_Message_Size; null if it is to be delivered. */
    Reply refusal() {
        return refusal != null ? refusal : content.oversized() ? EcstreamReplies.MESSAGE_TOO_LARGE : null;
    }
}
