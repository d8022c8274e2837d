package org.mtalistener.delivery;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receiving a message, as every protocol does it: the message is named and its content opened with its trace header;
 * the content streams into its buffer (Max_Message_Size enforced as it arrives) and the session stops reading while
 * the disk is behind; the finished message goes to the deliverer, and its outcome comes back on the session's event
 * loop, unless the client left meanwhile. Each protocol keeps its framing and its replies.
 *
 * <p>Used on the session's event loop; a delivery completes on another thread and comes back to the loop.
 */
public final class MessageReception {

    private final ReceivingSession session;
    private final Logger log;
    private final Deliverer deliverer;
    private final Supplier<ContentBuffer> contentBuffers;
    private final QueueIds queueIds;
    private final DiskBackPressure disk;

    /** @param log the protocol's session logger: these lines are its sessions' story, and are configured with it */
    public MessageReception(ReceivingSession session, Logger log, Deliverer deliverer,
                            Supplier<ContentBuffer> contentBuffers, QueueIds queueIds) {
        this.session = session;
        this.log = log;
        this.deliverer = deliverer;
        this.contentBuffers = contentBuffers;
        this.queueIds = queueIds;
        this.disk = new DiskBackPressure(session::onEventLoop, session::updateReading, session::waitOver);
    }

    /** The queue id of the next message. */
    public String nextQueueId() {
        return queueIds.next();
    }

    /** Opens the content of message {@code queueId}, its trace header ({@code Received:}) first. */
    public MessageContent open(String queueId, byte[] header) {
        ContentBuffer buffer = contentBuffers.get();
        buffer.append(header);
        return new MessageContent(queueId, buffer);
    }

    /** Content as the protocol frames it, into {@code content} (see {@link MessageContent#append}); released here. */
    public void append(MessageContent content, ByteBuf chunk, long maxMessageSize) {
        try {
            disk.appended(content.append(chunk, maxMessageSize));
        } finally {
            chunk.release();
        }
    }

    /** Whether reading waits for the disk to catch up. */
    public boolean congested() {
        return disk.holding();
    }

    /**
     * Hands {@code message} to the deliverer; {@code answered} gets its outcome on the event loop, a delivery that
     * ended without one as {@link DeliveryOutcome.Failed}. Not called if the session is over by then.
     */
    public void deliver(ReceivedMessage message, Consumer<DeliveryOutcome> answered) {
        String queueId = message.queueId();
        // With group commit, the message may go with the others this event loop receives before its next tasks.
        answerOnEventLoop(queueId, Deliverer.startWithOthers(deliverer, message, session::onEventLoop), answered);
    }

    /** {@link #deliver}, all of {@code messages} or none ({@link Deliverer#deliverAll}): one outcome for them. */
    public void deliverAll(List<ReceivedMessage> messages, Consumer<DeliveryOutcome> answered) {
        String queueIds = messages.stream().map(ReceivedMessage::queueId).collect(Collectors.joining(", "));
        answerOnEventLoop(queueIds, Deliverer.startAll(deliverer, messages), answered);
    }

    private void answerOnEventLoop(String queueId, CompletionStage<DeliveryOutcome> delivery,
                                   Consumer<DeliveryOutcome> answered) {
        // The stage completes on a delivery thread; the session's state belongs to the event loop.
        delivery.whenComplete((outcome, failure) ->
                session.onEventLoop(() -> delivered(queueId, outcome, failure, answered)));
    }

    /** Whether the deliverer takes several messages in one call ({@link #deliverEach}); else one at a time. */
    public boolean groups() {
        return deliverer.groups();
    }

    /**
     * Hands {@code messages} to the deliverer together, each with its own outcome ({@link Deliverer#deliverEach});
     * {@code answered} gets them in order on the event loop, as {@link #deliver} does.
     */
    public void deliverEach(List<ReceivedMessage> messages, Consumer<List<DeliveryOutcome>> answered) {
        String queueIds = messages.stream().map(ReceivedMessage::queueId).collect(Collectors.joining(", "));
        Deliverer.startEach(deliverer, messages).whenComplete((outcomes, failure) -> session.onEventLoop(() -> {
            if (session.closed()) {
                log.log(Level.FINE, () -> "messages " + queueIds + " ended with " + outcomes + " after the client of "
                        + session.name() + " had gone; it was not told");
            } else if (failure != null || outcomes == null) {
                log.log(Level.WARNING, "delivery of messages " + queueIds + " ended without an outcome; told the "
                        + "client to try again", failure);
                answered.accept(Collections.nCopies(messages.size(), new DeliveryOutcome.Failed("no outcome")));
            } else {
                answered.accept(outcomes);
            }
        }));
    }

    private void delivered(String queueId, DeliveryOutcome outcome, Throwable failure,
                           Consumer<DeliveryOutcome> answered) {
        if (session.closed()) {
            // The client left while the endpoint had the message; an accepted one may come again.
            log.log(outcome instanceof DeliveryOutcome.Accepted ? Level.INFO : Level.FINE,
                    () -> "message " + queueId + " ended with " + outcome + " after the client of " + session.name()
                            + " had gone; it was not told");
            return;
        }
        if (failure != null || outcome == null) {
            log.log(Level.WARNING, "delivery of message " + queueId + " ended without an outcome; told the "
                    + "client to try again", failure);
            answered.accept(new DeliveryOutcome.Failed("no outcome"));
            return;
        }
        if (!(outcome instanceof DeliveryOutcome.Accepted)) {
            // The deliverer logs refusals and failures at WARNING; this ties one to its session.
            log.fine(() -> session.name() + ": message " + queueId + " ended with " + outcome);
        }
        answered.accept(outcome);
    }
}
