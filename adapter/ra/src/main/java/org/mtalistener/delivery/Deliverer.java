package org.mtalistener.delivery;

import java.util.concurrent.CompletionStage;

/** Hands received messages to the MDB endpoint. */
public interface Deliverer {

    /**
     * Delivers one message. Never blocks the caller: the returned stage completes later, on a delivery thread, once
     * the endpoint's transaction has ended (or the delivery could not start). The deliverer owns the message from
     * here and releases its content when done.
     */
    CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message);
}
