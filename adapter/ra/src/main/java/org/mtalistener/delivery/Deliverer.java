package org.mtalistener.delivery;

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
