package org.mtalistener.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hands received messages to the MDB endpoint. */
public interface Deliverer {

    /**
     * Delivers one message. Never blocks the caller: the returned stage completes later, on a delivery thread, once
     * the endpoint's transaction has ended (or the delivery could not start). The deliverer owns the message from
     * here and releases its content when done.
     */
    CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message);

    /**
     * {@link #deliver}, with a deliverer that throws instead of failing its stage turned into a failed stage (the
     * content released): the session answers it like any failed delivery.
     */
    static CompletionStage<DeliveryOutcome> start(Deliverer deliverer, ReceivedMessage message) {
        try {
            return deliverer.deliver(message);
        } catch (RuntimeException e) {
            message.content().release();
            return CompletableFuture.failedFuture(e);
        }
    }
}
