package org.mtalistener.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
     * {@link #deliver}, with a deliverer that throws instead of failing its stage turned into a failed stage (the
     * content released): the session answers it like any failed delivery.
     */
    static CompletionStage<DeliveryOutcome> start(Deliverer deliverer, ReceivedMessage message) {
        return startAll(deliverer, List.of(message));
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
