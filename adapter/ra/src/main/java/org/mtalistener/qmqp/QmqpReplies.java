package org.mtalistener.qmqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.mtalistener.mail.DeliveryReplies;
import org.mtalistener.mail.Reply;

/**
 * The replies of the QMQP listener, and how a reply goes on the wire: one netstring, {@code K} (accepted),
 * {@code Z} (temporary failure) or {@code D} (permanent failure) and a text. The texts are qmqpd's where it has one
 * ({@code Ok: queued as ...}, {@code Error: ...}), with the enhanced status code, as Postfix's cleanup puts it.
 */
final class QmqpReplies {

    static final Reply NO_RECIPIENTS = new Reply(554, "5.5.1", "no recipients specified");
    static final Reply BAD_SENDER = new Reply(501, "5.1.7", "bad sender address syntax");
    static final Reply BAD_RECIPIENT = new Reply(501, "5.1.3", "bad recipient address syntax");
    static final Reply MESSAGE_TOO_LARGE = DeliveryReplies.MESSAGE_TOO_LARGE;
    static final Reply SHUTTING_DOWN = new Reply(421, "4.3.2", "service shutting down");
    /** Listener_Sessions reached. */
    static final Reply CONCURRENCY_LIMIT = new Reply(421, "4.4.5", "too many sessions");
    /** Max_Sessions_Per_Client reached (Postfix's words). */
    static final Reply TOO_MANY_FROM_CLIENT = new Reply(421, "4.7.0", "too many connections from your address");

    private QmqpReplies() {
    }

    /** A client QMQP_Authorized does not cover, in qmqpd's words. */
    static Reply notAuthorized(String client) {
        return new Reply(554, "5.7.1", client + " is not authorized to use this service");
    }

    /** Input that is not a QMQP request, in qmqpd's words: "netstring format error while receiving ...". */
    static Reply malformed(Request.Malformed malformed) {
        return new Reply(554, "5.5.2", malformed.problem() + " while " + malformed.where());
    }

    /** {@code K}, after the MDB's transaction committed. */
    static ByteBuf accepted(ByteBufAllocator alloc, String queueId) {
        return netstring(alloc, "KOk: queued as " + queueId);
    }

    /** {@code Z} for a 4xx reply, {@code D} for a 5xx one. */
    static ByteBuf refused(ByteBufAllocator alloc, Reply reply) {
        return netstring(alloc, (reply.code() < 500 ? 'Z' : 'D') + "Error: " + reply.enhancedCode() + " "
                + String.join(" ", reply.lines()));
    }

    private static ByteBuf netstring(ByteBufAllocator alloc, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = alloc.buffer(bytes.length + 12);
        out.writeCharSequence(bytes.length + ":", StandardCharsets.US_ASCII);
        out.writeBytes(bytes);
        out.writeByte(',');
        return out;
    }
}
