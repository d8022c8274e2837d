package org.mtalistener.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.SessionInfo;

/**
 * Delivers messages to one MDB endpoint on container threads, at most {@code maxConcurrent} at a time.
 *
 * <p>The cap stays below the container's pools on purpose: an exhausted Work pool deadlocks without a word, an
 * exhausted MDB pool makes {@code createEndpoint} fail at once. Deliveries over the cap wait here (their sessions
 * read nothing meanwhile) instead of failing; a delivery thread that finishes takes the next waiting message
 * itself, which saves a thread hand-off per message under load.
 *
 * <p>Recipient checks (Recipient_Check) are calls to the same endpoint and share the same cap and queue: a check
 * and a delivery are each one MDB instance and one Work thread while they run.
 *
 * <p>While the MDB is quick, a call may be made on the caller's own thread (the session's event loop, itself a Work
 * thread): a message then costs no hand-off to a delivery thread and back, the two thread wake-ups that dominate
 * the cost of a quick delivery. It is bounded: once the calls made there take longer than the inline bound on
 * average (a moving average over about the last eight, so one call the scheduler paused does not count as a slow
 * MDB), every call goes to the delivery threads for {@link #BACK_OFF}; a listener starts on them; content that went to a spill file
 * (completed on the file writer's thread), a full cap and a closing listener never run inline. The delivery contract
 * is the same call either way.
 *
 * <p>Group commit: with an MDB that is a {@code BatchMailListener}, the messages delivered one by one ({@link
 * #deliver}) or as a session's group ({@link #deliverEach}) that wait for a place under the cap are joined, when a
 * place frees, into one call and one transaction, up to {@link #MOST_IN_ONE_CALL} messages; each keeps its own
 * outcome. Nothing waits to fill a call: a place that frees takes what is waiting then. So the cap is also the number
 * of group calls at once, and a lower one makes larger groups.
 */
public final class EndpointDeliverer implements Deliverer, RecipientChecker, ConnectionChecker {

    private static final Logger LOG = Logger.getLogger(EndpointDeliverer.class.getName());

    private final EndpointCall call;
    private final Executor deliveryThreads;
    private final int maxConcurrent;

    /**
     * The inline bound a listener uses: a quick MDB (a read, a transaction, a file on a RAM disk) takes a few hundred
     * microseconds; one that writes to a disk and syncs takes milliseconds and belongs on the delivery threads.
     */
    public static final Duration INLINE_BOUND = Duration.ofMillis(1);
    /** How long calls stay on the delivery threads after one on a caller's thread was slow, and after the start. */
    static final Duration BACK_OFF = Duration.ofSeconds(1);
    /**
     * The most messages one group call takes: a bound on the transaction (its locks, its log, the time it holds a
     * place), well above what one place frees for at a time at the cap's default.
     */
    static final int MOST_IN_ONE_CALL = 128;

    private final long inlineBound;
    private final LongSupplier nanoTime;
    /** When the calls on a caller's thread were last slow (System.nanoTime), or the deliverer started. */
    private volatile long slowAt;
    /** The moving average of the calls' durations on a caller's thread, in nanoseconds, since the last back-off. */
    private volatile long average;

    /** The group forming on each event loop ({@link #deliverWithOthers}); the loop's own, so unsynchronised. */
    private final ThreadLocal<List<Grouped>> loopGroups = ThreadLocal.withInitial(ArrayList::new);

    private final Object lock = new Object();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    /** A deliverer that makes every call on a delivery thread. */
    public EndpointDeliverer(MessageEndpointFactory factory, TransactionSynchronizationRegistry transactions,
                             Executor deliveryThreads, int maxConcurrent) throws UnavailableException {
        this(factory, transactions, deliveryThreads, maxConcurrent, Duration.ZERO, System::nanoTime, false);
    }

    /**
     * @param inlineBound the longest a call on the caller's thread may take before calls go to the delivery threads
     *                    for {@link #BACK_OFF}; zero: every call on a delivery thread
     * @param nanoTime    the clock that times those calls
     * @param batches     whether the container activated the MDB as a BatchMailListener (group commit)
     */
    public EndpointDeliverer(MessageEndpointFactory factory, TransactionSynchronizationRegistry transactions,
                             Executor deliveryThreads, int maxConcurrent, Duration inlineBound, LongSupplier nanoTime,
                             boolean batches) throws UnavailableException {
        this.call = new EndpointCall(factory, transactions, batches);
        this.deliveryThreads = deliveryThreads;
        this.maxConcurrent = maxConcurrent;
        this.inlineBound = inlineBound.toNanos();
        this.nanoTime = nanoTime;
        this.slowAt = nanoTime.getAsLong();
    }

    public boolean transacted() {
        return call.transacted();
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
        return call.batches() ? deliverEach(List.of(message)).thenApply(outcomes -> outcomes.get(0))
                : deliverAll(List.of(message));
    }

    /**
     * Several messages in one endpoint call and one transaction. Only a transacted MDB makes that all or none: for
     * one that is not, more than one message fails without a call.
     */
    @Override
    public CompletionStage<DeliveryOutcome> deliverAll(List<ReceivedMessage> messages) {
        if (messages.size() > 1 && !transacted()) {
            messages.forEach(message -> message.content().release());
            return CompletableFuture.completedFuture(new DeliveryOutcome.Failed("the MDB's onMessage runs in no "
                    + "transaction: several messages cannot be taken all or none"));
        }
        Delivery delivery = new Delivery(List.copyOf(messages), new CompletableFuture<>());
        admitWhenStored(messages, delivery);
        return delivery.result;
    }

    /**
     * Group commit across the sessions of one event loop: the messages they hand over before the loop runs its tasks
     * (what it read from all its sockets in one wake-up) go in one call (or more, of {@link #MOST_IN_ONE_CALL} at
     * most), as soon as the loop has read them; each keeps its own outcome. Without a BatchMailListener,
     * {@link #deliver} at once.
     */
    @Override
    public CompletionStage<DeliveryOutcome> deliverWithOthers(ReceivedMessage message, Executor sameLoopLater) {
        if (!call.batches()) {
            return deliver(message);
        }
        Grouped grouped = new Grouped(message, new CompletableFuture<>());
        List<Grouped> forming = loopGroups.get();
        if (forming.isEmpty()) {
            sameLoopLater.execute(() -> {
                List<Grouped> members = List.copyOf(forming);
                forming.clear();
                for (int from = 0; from < members.size(); from += MOST_IN_ONE_CALL) {
                    List<Grouped> call = members.subList(from, Math.min(members.size(), from + MOST_IN_ONE_CALL));
                    admitWhenStored(call.stream().map(Grouped::message).toList(), new Group(call));
                }
            });
        }
        forming.add(grouped);
        return grouped.result();
    }

    /** Whether the MDB takes groups ({@code BatchMailListener}); else {@link #deliverEach} fails with more than one. */
    @Override
    public boolean groups() {
        return call.batches();
    }

    /** Group commit: {@code messages} in one call, and with what waits beside them; an outcome for each. */
    @Override
    public CompletionStage<List<DeliveryOutcome>> deliverEach(List<ReceivedMessage> messages) {
        if (!call.batches()) {
            return Deliverer.super.deliverEach(messages);
        }
        Group group = new Group(messages.stream()
                .map(message -> new Grouped(message, new CompletableFuture<>())).toList());
        admitWhenStored(messages, group);
        List<CompletableFuture<DeliveryOutcome>> results = group.members().stream().map(Grouped::result).toList();
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private void admitWhenStored(List<ReceivedMessage> messages, Job job) {
        // The content may still be on its way to the spill file: start the delivery once it is all stored, so no
        // delivery thread ever waits for a write that needs a thread of the same pool. Stored already, it is still
        // the caller's thread here, and the call may stay on it.
        Thread caller = Thread.currentThread();
        CompletableFuture.allOf(messages.stream().map(message -> message.content().complete().toCompletableFuture())
                .toArray(CompletableFuture[]::new)).whenComplete((stored, failure) -> {
            if (failure != null) {
                job.refuse("the content could not be stored: " + failure.getMessage());
            } else {
                admit(job, Thread.currentThread() == caller);
            }
        });
    }

    @Override
    public CompletionStage<RecipientVerdict> check(RecipientCheck recipient) {
        Check check = new Check("check of recipient " + recipient.recipient(), call -> call.check(recipient),
                new CompletableFuture<>());
        admit(check, true);
        return check.result;
    }

    @Override
    public CompletionStage<RecipientVerdict> check(SessionInfo connection) {
        Check check = new Check("check of the connection from " + connection.remoteAddress(),
                call -> call.check(connection), new CompletableFuture<>());
        // off the caller's thread: the banner waits for it, and a check by reputation may take its time
        admit(check, false);
        return check.result;
    }

    /** @param mayStay whether the call may be made on this thread, the caller's */
    private void admit(Job job, boolean mayStay) {
        boolean refused;
        synchronized (lock) {
            refused = closed;
            if (!refused && running >= maxConcurrent) {
                waiting.add(job);
                return;
            }
            if (!refused) {
                running++;
            }
        }
        if (refused) {
            job.refuse("the listener is stopping");
            return;
        }
        if (mayStay && quick()) {
            runHere(job);
        } else {
            dispatch(job);
        }
    }

    /** Whether calls may be made on the caller's thread now: no call there has been slow for a while. */
    private boolean quick() {
        return inlineBound > 0 && nanoTime.getAsLong() - slowAt >= BACK_OFF.toNanos();
    }

    /** Makes the call on this thread, holding one of the cap's places; the queue behind it goes to a delivery thread. */
    private void runHere(Job job) {
        long start = nanoTime.getAsLong();
        run(job);
        long end = nanoTime.getAsLong();
        // Racing updates from two event loops may lose one sample; the average stays an average.
        long now = average + (end - start - average) / 8;
        average = now;
        if (now > inlineBound) {
            slowAt = end;
            average = 0;
            LOG.fine(() -> job + ": calls on the caller's thread took " + now / 1000 + " µs on average; they go to "
                    + "the delivery threads for " + BACK_OFF);
        }
        Job next = takeNext();
        if (next != null) {
            dispatch(next);
        }
    }

    /** Hands a job holding one of the cap's places to a delivery thread, which then serves the queue. */
    private void dispatch(Job job) {
        try {
            deliveryThreads.execute(() -> runWhileWaiting(job));
        } catch (RejectedExecutionException e) {
            job.refuse(e.getMessage());
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    private void runWhileWaiting(Job first) {
        for (Job next = first; next != null; next = takeNext()) {
            run(next);
        }
    }

    private void run(Job job) {
        try {
            job.run(call);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, job + " failed unexpectedly", e);
            job.refuse("unexpected failure: " + e);
        }
    }

    private Job takeNext() {
        synchronized (lock) {
            Job next = closed ? null : waiting.poll();
            if (next == null) {
                running--;
                lock.notifyAll();
            }
            return next instanceof Group group ? joinWaiting(group) : next;
        }
    }

    /** {@code first} and the groups waiting behind it, in their order, as one call; holding the lock. */
    private Group joinWaiting(Group first) {
        List<Grouped> members = new ArrayList<>(first.members());
        for (Iterator<Job> queued = waiting.iterator(); queued.hasNext(); ) {
            if (queued.next() instanceof Group group && members.size() + group.members().size() <= MOST_IN_ONE_CALL) {
                members.addAll(group.members());
                queued.remove();
            }
        }
        return members.size() == first.members().size() ? first : new Group(members);
    }

    /**
     * Stops taking messages: waiting ones fail at once (their senders get a 4xx and retry), and this waits up to
     * {@code bound} for deliveries in progress. Returns whether they all finished.
     */
    public boolean close(Duration bound) throws InterruptedException {
        ArrayDeque<Job> refused;
        synchronized (lock) {
            closed = true;
            refused = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        refused.forEach(job -> job.refuse("the listener is stopping"));
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

    /** A call waiting for (or holding) one of the cap's places. */
    private sealed interface Job {
        /** Makes the call on this delivery thread and completes the result. */
        void run(EndpointCall call);

        /** Completes the result without a call: the call could not start. */
        void refuse(String reason);
    }

    private record Delivery(List<ReceivedMessage> messages, CompletableFuture<DeliveryOutcome> result)
            implements Job {
        @Override
        public void run(EndpointCall call) {
            finish(call.deliver(messages));
        }

        @Override
        public void refuse(String reason) {
            finish(new DeliveryOutcome.Failed(reason));
        }

        private void finish(DeliveryOutcome outcome) {
            messages.forEach(message -> message.content().release());
            result.complete(outcome);
        }

        @Override
        public String toString() {
            return "delivery of " + messages.stream().map(ReceivedMessage::queueId).toList();
        }
    }

    /** Messages to a BatchMailListener, each with its own outcome: one call, which other groups may join. */
    private record Group(List<Grouped> members) implements Job {
        @Override
        public void run(EndpointCall call) {
            List<DeliveryOutcome> outcomes = call.deliverEach(members.stream().map(Grouped::message).toList());
            for (int i = 0; i < members.size(); i++) {
                members.get(i).finish(outcomes.get(i));
            }
        }

        @Override
        public void refuse(String reason) {
            members.forEach(member -> member.finish(new DeliveryOutcome.Failed(reason)));
        }

        @Override
        public String toString() {
            return "delivery of " + members.stream().map(member -> member.message().queueId()).toList();
        }
    }

    /** One message of a group and its own outcome. */
    private record Grouped(ReceivedMessage message, CompletableFuture<DeliveryOutcome> result) {
        void finish(DeliveryOutcome outcome) {
            message.content().release();
            result.complete(outcome);
        }
    }

    /** A check of the MDB's (recipient or connection): {@code asking} makes the call. */
    private record Check(String what, Function<EndpointCall, RecipientVerdict> asking,
                         CompletableFuture<RecipientVerdict> result) implements Job {
        @Override
        public void run(EndpointCall call) {
            result.complete(asking.apply(call));
        }

        @Override
        public void refuse(String reason) {
            result.complete(new RecipientVerdict.Failed(reason));
        }

        @Override
        public String toString() {
            return what;
        }
    }
}
