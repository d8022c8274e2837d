package org.mtalistener.ecstream;

import org.mtalistener.mail.DeliveryReplies;
import org.mtalistener.mail.Reply;

/**
 * Every per-message refusal and every closing word of an ECStream session. Codes are SMTP's so producers classify
 * them as they would an SMTP reply; an MDB's own refusal passes through {@link DeliveryReplies#rejected}.
 */
final class EcstreamReplies {

    static final Reply INVALID_SENDER = new Reply(501, "5.1.7", "invalid sender address");
    static final Reply INVALID_RECIPIENT = new Reply(501, "5.1.3", "invalid recipient address");
    static final Reply NO_RECIPIENTS = new Reply(554, "5.5.1", "no recipients");
    static final Reply TOO_MANY_RECIPIENTS =
            new Reply(550, "5.5.3", "too many recipients (at most " + Wire.MAX_RECIPIENTS + ")");
    static final Reply INVALID_PARAMETER = new Reply(501, "5.5.4", "invalid envelope parameter");
    static final Reply MESSAGE_TOO_LARGE = DeliveryReplies.MESSAGE_TOO_LARGE;
    static final Reply ABORTED = new Reply(451, "4.3.0", "message aborted by the client");
    static final Reply SHUTTING_DOWN = new Reply(421, "4.3.2", "service shutting down");

    // BYE frames: a code and a text, no enhanced code
    static final Reply BYE_QUIT = new Reply(221, null, "closing connection");
    static final Reply BYE_IDLE = new Reply(421, null, "idle timeout exceeded, closing connection");
    static final Reply BYE_SHUTDOWN = new Reply(421, null, "service shutting down");
    static final Reply BYE_CONCURRENCY = new Reply(421, null, "Service unavailable, concurrency limit reached");

    private EcstreamReplies() {
    }
}
