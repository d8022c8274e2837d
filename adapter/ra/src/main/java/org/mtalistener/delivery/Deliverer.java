package org.mtalistener.delivery;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Hands received messages to the MDB endpoint. */
public interface Deliverer {

    /**
     * Delivers one message. The returned stage completes once the endpoint's transaction has ended (or the delivery
     * could not start): later, on a delivery thread, or before this returns, on the caller's thread, when the
     * deliverer makes quick calls there (see {@link EndpointDeliverer}); the caller answers on its event loop either
     * way. The deliverer owns the message from
     * here and releases its content when done.
     */
    CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message);

    /**
     * Delivers {@code messages} all or none: one outcome for all of them, {@link DeliveryOutcome.Accepted} (naming
     * the first) only if the endpoint took every one and one transaction committed them together. A deliverer that
     * cannot do that takes a single message and fails more, never delivering part of them. Owns and releases the
     * messages like {@link #deliver}.
     */
    default CompletionStage<DeliveryOutcome> deliverAll(List<ReceivedMessage> messages) {
        if (messages.size() == 1) {
            return deliver(messages.get(0));
        }
        messages.forEach(message -> message.content().release());
        return CompletableFuture.completedFuture(
                new DeliveryOutcome.Failed("this deliverer takes one message at a time"));
    }

    /**
     * Whether {@link #deliverEach} takes several messages in one call (group commit): a session with several
     * messages ready hands them over together only then, and one at a time otherwise.
     */
    default boolean groups() {
        return false;
    }

    /**
     * Delivers {@code messages} together, each with its own outcome (in their order): one transaction for all, in
     * which the endpoint may refuse some and take the others. A deliverer that does not {@link #groups} takes a
     * single message and fails more. Owns and releases the messages like {@link #deliver}.
     */
    default CompletionStage<List<DeliveryOutcome>> deliverEach(List<ReceivedMessage> messages) {
        if (messages.size() == 1) {
            return deliver(messages.get(0)).thenApply(List::of);
        }
        messages.forEach(message -> message.content().release());
        return CompletableFuture.completedFuture(Collections.nCopies(messages.size(),
                new DeliveryOutcome.Failed("this deliverer takes one message at a time")));
    }

    /**
     * {@link #deliver}, called on an event loop: a deliverer that {@link #groups} may hold the message until the loop
     * runs the tasks given to {@code sameLoopLater} (once it has read what its sockets had), and deliver it then with
     * the other messages the loop's sessions handed over meanwhile, in one call (group commit). By default at once.
     */
    default CompletionStage<DeliveryOutcome> deliverWithOthers(ReceivedMessage message, Executor sameLoopLater) {
        return deliver(message);
    }

    /**
     * {@link #deliver}, with a deliverer that throws instead of failing its stage turned into a failed stage (the
     * content released): the session answers it like any failed delivery.
     */
    static CompletionStage<DeliveryOutcome> start(Deliverer deliverer, ReceivedMessage message) {
        return startAll(deliverer, List.of(message));
    }

    /** {@link #start} for {@link #deliverWithOthers}. */
    static CompletionStage<DeliveryOutcome> startWithOthers(Deliverer deliverer, ReceivedMessage message,
                                                            Executor sameLoopLater) {
        try {
            return deliverer.deliverWithOthers(message, sameLoopLater);
        } catch (RuntimeException e) {
            message.content().release();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #start} for {@link #deliverEach}. */
    static CompletionStage<List<DeliveryOutcome>> startEach(Deliverer deliverer, List<ReceivedMessage> messages) {
        try {
            return deliverer.deliverEach(messages);
        } catch (RuntimeException e) {
            messages.forEach(message -> message.content().release());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #start} for {@link #deliverAll}. */
    static CompletionStage<DeliveryOutcome> startAll(Deliverer deliverer, List<ReceivedMessage> messages) {
        try {
            return messages.size() == 1 ? deliverer.deliver(messages.get(0)) : deliverer.deliverAll(messages);
        } catch (RuntimeException e) {
            messages.forEach(message -> message.content().release());
            return CompletableFuture.failedFuture(e);
        }
    }
}
