package org.mtalistener.ecstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * <p>With a deliverer that {@linkplain MessageReception#groups groups} (group commit), every message waiting is
 * handed over together, once the event loop has read what the socket had (the frames of one read come in one after
 * the other, and a call made at the first END would leave the others for calls of their own); the group after it
 * gathers while that one is out.
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
    /** The messages with the deliverer (one, or a group); empty when none is. */
    private List<Pending> delivering = List.of();
    /** A group's hand-over waits for the end of the event loop's reads. */
    private boolean groupDue;
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

    /** Hands the next message (or group) to the deliverer, unless one is still with it. */
    void deliverNext() {
        if (!delivering.isEmpty() || toDeliver.isEmpty()) {
            return;
        }
        if (reception.groups()) {
            if (!groupDue) {
                groupDue = true;
                session.onEventLoop(this::deliverGroup); // a task: after the loop's reads
            }
            return;
        }
        Pending pending = toDeliver.poll();
        delivering = List.of(pending);
        reception.deliver(pending.handOver(), outcome -> {
            delivering = List.of();
            finish(pending, outcome);
            session.waitOver();
        });
    }

    private void deliverGroup() {
        groupDue = false;
        if (!delivering.isEmpty() || toDeliver.isEmpty()) {
            return; // refused meanwhile (the listener closing, the client gone)
        }
        List<Pending> group = new ArrayList<>(toDeliver);
        toDeliver.clear();
        delivering = group;
        reception.deliverEach(group.stream().map(Pending::handOver).toList(), outcomes -> {
            delivering = List.of();
            for (int i = 0; i < group.size(); i++) {
                finish(group.get(i), outcomes.get(i));
            }
            session.waitOver();
        });
    }

    private void finish(Pending pending, DeliveryOutcome outcome) {
        heldBytes -= pending.heldBytes;
        // null: accepted, which the ACCEPTED frame tells
        pending.finish(outcome instanceof DeliveryOutcome.Accepted ? null
                : DeliveryReplies.forOutcome(pending.queueId, outcome));
    }

    /** Answers every message not yet handed to the deliverer with {@code reply}; the ones in flight finish. */
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
