package org.mtalistener.mgmt;

import java.util.concurrent.CompletionStage;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.ReceivedMessage;

/**
 * A deliverer that counts what becomes of each message, and how long an accepted one took, in the listener's
 * statistics.
 */
public final class CountingDeliverer implements Deliverer {

    private final Deliverer deliverer;
    private final ListenerStats stats;

    public CountingDeliverer(Deliverer deliverer, ListenerStats stats) {
        this.deliverer = deliverer;
        this.stats = stats;
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        long size = message.size(); // read now: the deliverer releases the content when done
        long start = System.nanoTime(); // the message has just ended: delivery time runs until the MDB committed
        return deliverer.deliver(message).whenComplete((outcome, failure) -> {
            stats.delivered(outcome != null ? outcome : new DeliveryOutcome.Failed(String.valueOf(failure)), size);
            if (outcome instanceof DeliveryOutcome.Accepted) {
                stats.deliveryTimes().record(System.nanoTime() - start);
            }
        });
    }
}
