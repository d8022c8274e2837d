package org.mtalistener.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers messages to one MDB endpoint on container threads, at most {@code maxConcurrent} at a time.
 *
 * <p>The cap stays below the container's pools on purpose: an exhausted Work pool deadlocks without a word, an
 * exhausted MDB pool makes {@code createEndpoint} fail at once. Deliveries over the cap wait here (their sessions
 * read nothing meanwhile) instead of failing; a delivery thread that finishes takes the next waiting message
 * itself, which saves a thread hand-off per message under load.
 */
public final class EndpointDeliverer implements Deliverer {

    private static final Logger LOG = Logger.getLogger(EndpointDeliverer.class.getName());

    private final EndpointCall call;
    private final Executor deliveryThreads;
    private final int maxConcurrent;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    public EndpointDeliverer(MessageEndpointFactory factory, TransactionSynchronizationRegistry transactions,
                             Executor deliveryThreads, int maxConcurrent) throws UnavailableException {
        this.call = new EndpointCall(factory, transactions);
        this.deliveryThreads = deliveryThreads;
        this.maxConcurrent = maxConcurrent;
    }

    public boolean transacted() {
        return call.transacted();
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        Pending pending = new Pending(message, new CompletableFuture<>());
        // The content may still be on its way to the spill file: start the delivery once it is all stored, so no
        // delivery thread ever waits for a write that needs a thread of the same pool.
        message.content().complete().whenComplete((stored, failure) -> {
            if (failure != null) {
                finish(pending, new DeliveryOutcome.Failed("the content could not be stored: " + failure.getMessage()));
            } else {
                admit(pending);
            }
        });
        return pending.result;
    }

    private void admit(Pending pending) {
        boolean refused;
        synchronized (lock) {
            refused = closed;
            if (!refused && running >= maxConcurrent) {
                waiting.add(pending);
                return;
            }
            if (!refused) {
                running++;
            }
        }
        if (refused) {
            finish(pending, new DeliveryOutcome.Failed("the listener is stopping"));
            return;
        }
        try {
            deliveryThreads.execute(() -> deliverWhileWaiting(pending));
        } catch (RejectedExecutionException e) {
            finish(pending, new DeliveryOutcome.Failed(e.getMessage()));
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    private void deliverWhileWaiting(Pending first) {
        for (Pending next = first; next != null; next = takeNext()) {
            DeliveryOutcome outcome;
            try {
                outcome = call.deliver(next.message);
            } catch (RuntimeException e) {
                outcome = new DeliveryOutcome.Failed("unexpected failure: " + e);
                LOG.log(Level.SEVERE, next.message.queueId() + " delivery failed unexpectedly", e);
            }
            finish(next, outcome);
        }
    }

    private Pending takeNext() {
        synchronized (lock) {
            Pending next = closed ? null : waiting.poll();
            if (next == null) {
                running--;
                lock.notifyAll();
            }
            return next;
        }
    }

    private static void finish(Pending pending, DeliveryOutcome outcome) {
        pending.message.content().release();
        pending.result.complete(outcome);
    }

    /**
     * Stops taking messages: waiting ones fail at once (their senders get a 4xx and retry), and this waits up to
     * {@code bound} for deliveries in progress. Returns whether they all finished.
     */
    public boolean close(Duration bound) throws InterruptedException {
        ArrayDeque<Pending> refused;
        synchronized (lock) {
            closed = true;
            refused = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        refused.forEach(p -> finish(p, new DeliveryOutcome.Failed("the listener is stopping")));
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    public int inProgress() {
        synchronized (lock) {
            return running;
        }
    }

    private record Pending(ReceivedMessage message, CompletableFuture<DeliveryOutcome> result) {
    }
}
