package org.mtalistener.mgmt;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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
        return counted(List.of(message), () -> deliverer.deliver(message));
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliverWithOthers(ReceivedMessage message, Executor sameLoopLater) {
        return counted(List.of(message), () -> deliverer.deliverWithOthers(message, sameLoopLater));
    }

    /** Each message counts with the outcome of all of them. */
    @Override
    public CompletionStage<DeliveryOutcome> deliverAll(List<ReceivedMessage> messages) {
        return counted(messages, () -> deliverer.deliverAll(messages));
    }

    @Override
    public boolean groups() {
        return deliverer.groups();
    }

    /** Each message counts with its own outcome. */
    @Override
    public CompletionStage<List<DeliveryOutcome>> deliverEach(List<ReceivedMessage> messages) {
        long[] sizes = sizes(messages);
        long start = System.nanoTime();
        return deliverer.deliverEach(messages).whenComplete((outcomes, failure) -> {
            long took = System.nanoTime() - start;
            for (int i = 0; i < sizes.length; i++) {
                count(outcomes != null ? outcomes.get(i) : null, failure, sizes[i], took);
            }
        });
    }

    private CompletionStage<DeliveryOutcome> counted(List<ReceivedMessage> messages,
                                                    Supplier<CompletionStage<DeliveryOutcome>> delivery) {
        long[] sizes = sizes(messages);
        long start = System.nanoTime(); // the message has just ended: delivery time runs until the MDB committed
        return delivery.get().whenComplete((outcome, failure) -> {
            long took = System.nanoTime() - start;
            for (long size : sizes) {
                count(outcome, failure, size, took);
            }
        });
    }

    /** Read before the delivery starts: the deliverer releases the content when done. */
    private static long[] sizes(List<ReceivedMessage> messages) {
        return messages.stream().mapToLong(ReceivedMessage::size).toArray();
    }

    private void count(DeliveryOutcome outcome, Throwable failure, long size, long took) {
        stats.delivered(outcome != null ? outcome : new DeliveryOutcome.Failed(String.valueOf(failure)), size);
        if (outcome instanceof DeliveryOutcome.Accepted) {
            stats.deliveryTimes().record(took);
        }
    }
}
