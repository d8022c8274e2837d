package org.mtalistener.ecstream;

import java.util.ArrayDeque;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.MessageReception;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.mail.DeliveryReplies;
import org.mtalistener.mail.Reply;

/**
 * A session's unanswered messages, from their END (or ABORT) to their reply: handed to the deliverer one at a time
 * and in order, answered strictly in the order they came, whatever finished first. It says whether there is room
 * for more ({@code ECStream_Max_Batch_Size}, {@link #HELD_BYTES_LIMIT}); the session reads only while there is.
 *
 * <p>Runs on the event loop like the session; a delivery completes on another thread and comes back to the loop.
 */
final class Batch {

    /**
     * Content of received messages waiting for their delivery, above which reading stops. Each message keeps up to
     * the content buffer's memory limit in heap, so without this a full batch could hold thousands of them.
     */
    static final long HELD_BYTES_LIMIT = 8 << 20;

    private final EcstreamSession session;
    private final MessageReception reception;
    private final int maxSize;
    /** Every message from its END to its reply, in order: the replies go out from the head. */
    private final ArrayDeque<Pending> unanswered = new ArrayDeque<>();
    private final ArrayDeque<Pending> toDeliver = new ArrayDeque<>();
    private Pending delivering;
    private long heldBytes;

    Batch(EcstreamSession session, MessageReception reception, int maxSize) {
        this.session = session;
        this.reception = reception;
        this.maxSize = maxSize;
    }

    /** Takes a message whose END or ABORT was read; one refused already is only waiting for its turn to answer. */
    void add(Pending pending) {
        unanswered.add(pending);
        if (!pending.done()) {
            heldBytes += pending.heldBytes;
            toDeliver.add(pending);
        }
    }

    /** Whether the session may read another message: the batch is not full and holds little enough content. */
    boolean hasRoom() {
        return unanswered.size() < maxSize && heldBytes < HELD_BYTES_LIMIT;
    }

    boolean allAnswered() {
        return unanswered.isEmpty();
    }

    int unanswered() {
        return unanswered.size();
    }

    /** Writes the replies now due; a message done early waits for the ones before it. */
    void writeAnswered() {
        while (!unanswered.isEmpty() && unanswered.peek().done()) {
            Pending pending = unanswered.poll();
            Reply refusal = pending.refusal();
            session.write(alloc -> refusal == null
                    ? ServerFrames.accepted(alloc, pending.tag, pending.queueId)
                    : ServerFrames.refused(alloc, pending.tag, refusal));
        }
    }

    /** Hands the next message to the deliverer, unless one is still with it. */
    void deliverNext() {
        if (delivering != null || toDeliver.isEmpty()) {
            return;
        }
        Pending pending = toDeliver.poll();
        delivering = pending;
        reception.deliver(pending.handOver(), outcome -> delivered(pending, outcome));
    }

    private void delivered(Pending pending, DeliveryOutcome outcome) {
        delivering = null;
        heldBytes -= pending.heldBytes;
        // null: accepted, which the ACCEPTED frame tells
        pending.finish(outcome instanceof DeliveryOutcome.Accepted ? null
                : DeliveryReplies.forOutcome(pending.queueId, outcome));
        session.waitOver();
    }

    /** Answers every message not yet handed to the deliverer with {@code reply}; the one in flight finishes. */
    void refuseUndelivered(Reply reply) {
        for (Pending pending; (pending = toDeliver.poll()) != null; ) {
            heldBytes -= pending.heldBytes;
            pending.refuse(reply);
        }
    }

    /** The client is gone: nothing more is delivered or answered. */
    void abandon() {
        refuseUndelivered(EcstreamReplies.SHUTTING_DOWN);
        unanswered.clear();
    }
}
