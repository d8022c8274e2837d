package org.mtalistener.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.RejectException;
import org.mtalistener.api.SessionInfo;

class EndpointDelivererTest {

    @TempDir
    Path spill;

    private final List<String> calls = new ArrayList<>();
    private final ArrayDeque<Runnable> deliveryThreads = new ArrayDeque<>();
    private final Executor manual = deliveryThreads::add;
    private final FakeFactory factory = new FakeFactory();
    /** The container's registry in miniature: only setRollbackOnly matters to the adapter. */
    private final TransactionSynchronizationRegistry transactions = (TransactionSynchronizationRegistry)
            Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("setRollbackOnly")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        calls.add("setRollbackOnly");
                        factory.rollbackOnly = true;
                        return null;
                    });

    @Test
    void acceptsOnlyAfterTheTransactionCommitted() throws Exception {
        factory.mdb = m -> calls.add("onMessage " + m.queueId());
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q1")).toCompletableFuture();
        assertFalse(outcome.isDone(), "nothing happens on the caller's thread");

        runDeliveryThreads();

        assertEquals(new DeliveryOutcome.Accepted("Q1"), outcome.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "onMessage Q1", "afterDelivery", "commit", "release"),
                calls);
    }

    @Test
    void theLogSaysWhetherTheTransactionCommittedInOnePhaseOrTwo() throws Exception {
        Logger log = Logger.getLogger(EndpointCall.class.getName());
        Level level = log.getLevel();
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(Level.FINE);
        log.addHandler(handler);
        try {
            EndpointDeliverer deliverer = deliverer(4);
            CompletableFuture<DeliveryOutcome> alone = deliverer.deliver(message("Q1")).toCompletableFuture();
            runDeliveryThreads();
            factory.otherResource = true;
            CompletableFuture<DeliveryOutcome> shared = deliverer.deliver(message("Q2")).toCompletableFuture();
            runDeliveryThreads();

            assertEquals(new DeliveryOutcome.Accepted("Q2"), shared.get());
            assertEquals(new DeliveryOutcome.Accepted("Q1"), alone.get());
            assertEquals(List.of("Q1: the transaction committed in one phase",
                    "Q2: the transaction committed in two phases"), lines);
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }
    }

    @Test
    void severalMessagesGoInOneCallOneTransactionAndAreAcceptedTogether() throws Exception {
        factory.mdb = m -> calls.add("onMessage " + m.queueId());
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliverAll(List.of(message("A"), message("B"),
                message("C"))).toCompletableFuture();
        runDeliveryThreads();

        assertEquals(new DeliveryOutcome.Accepted("A"), outcome.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "onMessage A", "onMessage B", "onMessage C",
                "afterDelivery", "commit", "release"), calls);
    }

    @Test
    void oneFailingMessageOfSeveralRollsThemAllBack() throws Exception {
        factory.mdb = m -> {
            calls.add("onMessage " + m.queueId());
            if (m.queueId().equals("B")) {
                throw new IllegalStateException("disk full");
            }
        };
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliverAll(List.of(message("A"), message("B"),
                message("C"))).toCompletableFuture();
        runDeliveryThreads();

        assertInstanceOf(DeliveryOutcome.Failed.class, outcome.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "onMessage A", "onMessage B", "afterDelivery",
                "rollback", "release"), calls);
    }

    @Test
    void anMdbWithoutTransactionsIsNotGivenSeveralMessagesAtOnce() throws Exception {
        factory.transacted = false;
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliverAll(List.of(message("A"), message("B")))
                .toCompletableFuture();
        DeliveryOutcome.Failed failed = assertInstanceOf(DeliveryOutcome.Failed.class, outcome.get());
        assertTrue(failed.reason().contains("all or none"), failed.reason());
        assertEquals(List.of(), calls, "no call at all, never part of them");
    }

    @Test
    void anMdbFailureIsATemporaryFailureAndStillPairsAfterDelivery() throws Exception {
        factory.mdb = m -> {
            throw new IllegalStateException("disk full");
        };
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q2")).toCompletableFuture();
        runDeliveryThreads();

        assertInstanceOf(DeliveryOutcome.Failed.class, outcome.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "afterDelivery", "rollback", "release"), calls);
    }

    @Test
    void aRollbackAfterANormalReturnIsNotAnAcceptance() throws Exception {
        factory.mdb = m -> factory.rollbackOnly = true;
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q3")).toCompletableFuture();
        runDeliveryThreads();

        DeliveryOutcome.Failed failed = assertInstanceOf(DeliveryOutcome.Failed.class, outcome.get());
        assertTrue(failed.reason().contains("rolled back"), failed.reason());
    }

    @Test
    void aRejectFromTheMdbKeepsItsReplyAndRollsBack() throws Exception {
        factory.mdb = m -> {
            throw new WrappedReject(new RejectException(550, "5.7.1", "no thanks"));
        };
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q4")).toCompletableFuture();
        runDeliveryThreads();

        assertEquals(new DeliveryOutcome.Rejected(550, "5.7.1", "no thanks"), outcome.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "setRollbackOnly", "afterDelivery", "rollback",
                "release"), calls);
    }

    @Test
    void aRejectThrownAsIsAlsoRollsBack() throws Exception {
        factory.checkedReject = new RejectException(554, "5.7.0", "policy");
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q6")).toCompletableFuture();
        runDeliveryThreads();

        assertEquals(new DeliveryOutcome.Rejected(554, "5.7.0", "policy"), outcome.get());
        assertTrue(calls.contains("rollback"), calls.toString());
    }

    @Test
    void anExhaustedMdbPoolIsATemporaryFailure() throws Exception {
        factory.unavailable = true;
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4).deliver(message("Q5")).toCompletableFuture();
        runDeliveryThreads();

        DeliveryOutcome.Failed failed = assertInstanceOf(DeliveryOutcome.Failed.class, outcome.get());
        assertTrue(failed.reason().contains("pool exhausted"), failed.reason());
    }

    @Test
    void deliveriesOverTheCapWaitAndRunOnTheSameThreadInOrder() throws Exception {
        factory.mdb = m -> calls.add("onMessage " + m.queueId());
        EndpointDeliverer deliverer = deliverer(1);
        CompletableFuture<DeliveryOutcome> first = deliverer.deliver(message("A")).toCompletableFuture();
        CompletableFuture<DeliveryOutcome> second = deliverer.deliver(message("B")).toCompletableFuture();

        assertEquals(1, deliveryThreads.size(), "the second delivery waits instead of taking a thread");
        deliveryThreads.poll().run();

        assertEquals(new DeliveryOutcome.Accepted("A"), first.get());
        assertEquals(new DeliveryOutcome.Accepted("B"), second.get());
        assertEquals(List.of("onMessage A", "onMessage B"), calls.stream().filter(c -> c.startsWith("on")).toList());
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void closingFailsWaitingDeliveriesAtOnce() throws Exception {
        EndpointDeliverer deliverer = deliverer(1);
        deliverer.deliver(message("A"));
        CompletableFuture<DeliveryOutcome> waiting = deliverer.deliver(message("B")).toCompletableFuture();

        assertFalse(deliverer.close(Duration.ofMillis(10)), "one delivery is still in progress");

        assertInstanceOf(DeliveryOutcome.Failed.class, waiting.getNow(null));
        runDeliveryThreads();
        assertTrue(deliverer.close(Duration.ofMillis(10)));
    }

    @Test
    void aRecipientCheckIsAPairedCallOfItsOwn() throws Exception {
        factory.check = r -> calls.add("checkRecipient " + r.recipient());
        CompletableFuture<RecipientVerdict> verdict = deliverer(4).check(recipient("bob@d.test")).toCompletableFuture();
        assertFalse(verdict.isDone(), "nothing happens on the caller's thread");

        runDeliveryThreads();

        assertEquals(new RecipientVerdict.Accepted(), verdict.get());
        assertEquals(List.of("createEndpoint", "beforeDelivery checkRecipient", "checkRecipient bob@d.test",
                "afterDelivery", "commit", "release"), calls);
    }

    @Test
    void aRecipientRefusedByTheMdbGetsItsReplyAndTheCheckRollsBack() throws Exception {
        factory.check = r -> {
            throw new WrappedReject(new RejectException(550, "5.1.1", "no such user"));
        };
        CompletableFuture<RecipientVerdict> verdict = deliverer(4).check(recipient("x@d.test")).toCompletableFuture();
        runDeliveryThreads();

        assertEquals(new RecipientVerdict.Refused(550, "5.1.1", "no such user"), verdict.get());
        assertTrue(calls.contains("setRollbackOnly"), calls.toString());
    }

    @Test
    void aFailingCheckIsAFailureAndAnExhaustedPoolToo() throws Exception {
        factory.check = r -> {
            throw new IllegalStateException("directory down");
        };
        CompletableFuture<RecipientVerdict> failed = deliverer(4).check(recipient("x@d.test")).toCompletableFuture();
        runDeliveryThreads();
        RecipientVerdict.Failed reason = assertInstanceOf(RecipientVerdict.Failed.class, failed.get());
        assertTrue(reason.reason().contains("directory down"), reason.reason());
        assertEquals(List.of("createEndpoint", "beforeDelivery checkRecipient", "afterDelivery", "rollback", "release"),
                calls);

        factory.unavailable = true;
        CompletableFuture<RecipientVerdict> unavailable =
                deliverer(4).check(recipient("y@d.test")).toCompletableFuture();
        runDeliveryThreads();
        reason = assertInstanceOf(RecipientVerdict.Failed.class, unavailable.get());
        assertTrue(reason.reason().contains("pool exhausted"), reason.reason());
    }

    @Test
    void checksAndDeliveriesShareTheCap() throws Exception {
        factory.mdb = m -> calls.add("onMessage " + m.queueId());
        factory.check = r -> calls.add("checkRecipient " + r.recipient());
        EndpointDeliverer deliverer = deliverer(1);
        CompletableFuture<DeliveryOutcome> delivery = deliverer.deliver(message("A")).toCompletableFuture();
        CompletableFuture<RecipientVerdict> check = deliverer.check(recipient("bob@d.test")).toCompletableFuture();

        assertEquals(1, deliveryThreads.size(), "the check waits for the delivery's place");
        deliveryThreads.poll().run();

        assertEquals(new DeliveryOutcome.Accepted("A"), delivery.get());
        assertEquals(new RecipientVerdict.Accepted(), check.get());
        assertEquals(List.of("onMessage A", "checkRecipient bob@d.test"),
                calls.stream().filter(c -> c.startsWith("on") || c.startsWith("check")).toList());
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void closingFailsWaitingChecksAtOnce() throws Exception {
        EndpointDeliverer deliverer = deliverer(1);
        deliverer.deliver(message("A"));
        CompletableFuture<RecipientVerdict> waiting = deliverer.check(recipient("bob@d.test")).toCompletableFuture();

        assertFalse(deliverer.close(Duration.ofMillis(10)));

        assertInstanceOf(RecipientVerdict.Failed.class, waiting.getNow(null));
        runDeliveryThreads();
    }

    private long now;

    /** A deliverer that makes quick calls on the caller's thread, on the test's clock, past its start. */
    private EndpointDeliverer inline(int max) throws UnavailableException {
        return inline(max, false);
    }

    private EndpointDeliverer inline(int max, boolean batches) throws UnavailableException {
        EndpointDeliverer deliverer = new EndpointDeliverer(factory, transactions, manual, max, Duration.ofMillis(2),
                () -> now, batches);
        now += EndpointDeliverer.BACK_OFF.toNanos();
        return deliverer;
    }

    @Test
    void aListenerStartsWithItsCallsOnTheDeliveryThreads() throws Exception {
        EndpointDeliverer deliverer = new EndpointDeliverer(factory, transactions, manual, 4, Duration.ofMillis(2),
                () -> now, false);
        CompletableFuture<DeliveryOutcome> outcome = deliverer.deliver(message("Q1")).toCompletableFuture();

        assertFalse(outcome.isDone());
        runDeliveryThreads();
        assertEquals(new DeliveryOutcome.Accepted("Q1"), outcome.get());
    }

    @Test
    void aQuickCallIsMadeOnTheCallersThreadWithTheSameContract() throws Exception {
        factory.mdb = m -> calls.add("onMessage " + m.queueId());
        EndpointDeliverer deliverer = inline(4);

        CompletableFuture<DeliveryOutcome> outcome = deliverer.deliver(message("Q1")).toCompletableFuture();

        assertEquals(new DeliveryOutcome.Accepted("Q1"), outcome.getNow(null), "answered before deliver returned");
        assertTrue(deliveryThreads.isEmpty());
        assertEquals(List.of("createEndpoint", "beforeDelivery", "onMessage Q1", "afterDelivery", "commit", "release"),
                calls);
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void aRolledBackCallOnTheCallersThreadIsStillAFailure() throws Exception {
        factory.mdb = m -> factory.rollbackOnly = true;
        CompletableFuture<DeliveryOutcome> outcome = inline(4).deliver(message("Q1")).toCompletableFuture();

        assertInstanceOf(DeliveryOutcome.Failed.class, outcome.getNow(null));
    }

    @Test
    void oneCallTheSchedulerPausedDoesNotMakeTheMdbSlow() throws Exception {
        factory.mdb = m -> now += Duration.ofMillis(m.queueId().equals("paused") ? 5 : 0).toNanos();
        EndpointDeliverer deliverer = inline(4);
        assertTrue(deliverer.deliver(message("quick")).toCompletableFuture().isDone());
        assertTrue(deliverer.deliver(message("paused")).toCompletableFuture().isDone());

        assertTrue(deliverer.deliver(message("next")).toCompletableFuture().isDone());
        assertTrue(deliveryThreads.isEmpty());
    }

    @Test
    void aSlowMdbSendsTheNextCallsToTheDeliveryThreadsForAWhile() throws Exception {
        factory.mdb = m -> now += Duration.ofMillis(100).toNanos();
        EndpointDeliverer deliverer = inline(4);
        assertTrue(deliverer.deliver(message("slow")).toCompletableFuture().isDone());

        factory.mdb = m -> { };
        CompletableFuture<DeliveryOutcome> next = deliverer.deliver(message("next")).toCompletableFuture();
        CompletableFuture<RecipientVerdict> check = deliverer.check(recipient("bob@d.test")).toCompletableFuture();
        assertFalse(next.isDone());
        assertFalse(check.isDone());
        runDeliveryThreads();
        assertEquals(new DeliveryOutcome.Accepted("next"), next.get());

        now += EndpointDeliverer.BACK_OFF.toNanos();
        assertTrue(deliverer.deliver(message("later")).toCompletableFuture().isDone(), "quick again after the back-off");
    }

    @Test
    void whatQueuedBehindACallOnTheCallersThreadGoesToADeliveryThread() throws Exception {
        EndpointDeliverer deliverer = inline(1);
        List<CompletableFuture<DeliveryOutcome>> queued = new ArrayList<>();
        factory.mdb = m -> {
            if (m.queueId().equals("first")) {
                // another session's message arrives while the only place is held on this thread
                queued.add(deliverer.deliver(message("second")).toCompletableFuture());
            }
        };

        assertTrue(deliverer.deliver(message("first")).toCompletableFuture().isDone());

        assertFalse(queued.get(0).isDone());
        assertEquals(1, deliveryThreads.size());
        runDeliveryThreads();
        assertEquals(new DeliveryOutcome.Accepted("second"), queued.get(0).get());
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void groupCommitJoinsTheMessagesWaitingForAPlaceIntoOneCallWithAnOutcomeForEach() throws Exception {
        factory.batchMdb = batch -> {
            for (InboundMessage m : batch.messages()) {
                if (m.queueId().equals("refused")) {
                    batch.refuse(m, new RejectException(550, "5.7.1", "not this one"));
                }
            }
        };
        EndpointDeliverer deliverer = deliverer(1);
        assertTrue(deliverer.groups());
        List<CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
        for (String id : List.of("first", "second", "refused", "fourth")) {
            outcomes.add(deliverer.deliver(message(id)).toCompletableFuture());
        }

        runDeliveryThreads();

        assertEquals(List.of(new DeliveryOutcome.Accepted("first"), new DeliveryOutcome.Accepted("second"),
                new DeliveryOutcome.Rejected(550, "5.7.1", "not this one"), new DeliveryOutcome.Accepted("fourth")),
                outcomes.stream().map(CompletableFuture::join).toList());
        assertEquals(List.of("createEndpoint", "beforeDelivery onMessages", "onMessages [first]", "afterDelivery",
                "commit", "release", "createEndpoint", "beforeDelivery onMessages",
                "onMessages [second, refused, fourth]", "afterDelivery", "commit", "release"), calls,
                "the first went alone; the three that waited behind it in one transaction, the refusal without a "
                        + "rollback");
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void theMessagesAnEventLoopHandsOverBeforeItsTasksRunGoInOneCall() throws Exception {
        List<String> refused = List.of("b");
        factory.batchMdb = batch -> batch.messages().stream().filter(m -> refused.contains(m.queueId()))
                .forEach(m -> batch.refuse(m, new RejectException(450, "4.2.0", "mailbox busy")));
        EndpointDeliverer deliverer = inline(1, true);
        ArrayDeque<Runnable> loopTasks = new ArrayDeque<>();
        List<CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            outcomes.add(deliverer.deliverWithOthers(message(id), loopTasks::add).toCompletableFuture());
        }
        assertEquals(1, loopTasks.size(), "one hand-over for the loop's three messages");
        assertEquals(List.of(), calls, "nothing before the loop's reads are done");

        loopTasks.poll().run();

        assertEquals(List.of("createEndpoint", "beforeDelivery onMessages", "onMessages [a, b, c]", "afterDelivery",
                "commit", "release"), calls, "one call, on the loop itself (the MDB is quick)");
        assertEquals(List.of(new DeliveryOutcome.Accepted("a"), new DeliveryOutcome.Rejected(450, "4.2.0",
                "mailbox busy"), new DeliveryOutcome.Accepted("c")), outcomes.stream().map(CompletableFuture::join)
                .toList());
        deliverer.deliverWithOthers(message("d"), loopTasks::add);
        assertEquals(1, loopTasks.size(), "the next message starts the next group");
    }

    @Test
    void aLoopsTurnOfMoreMessagesThanOneCallTakesGoesInSeveralCalls() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        factory.batchMdb = batch -> sizes.add(batch.messages().size());
        EndpointDeliverer deliverer = inline(1, true);
        ArrayDeque<Runnable> loopTasks = new ArrayDeque<>();
        List<CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < EndpointDeliverer.MOST_IN_ONE_CALL + 3; i++) {
            outcomes.add(deliverer.deliverWithOthers(message("m" + i), loopTasks::add).toCompletableFuture());
        }

        loopTasks.poll().run();
        runDeliveryThreads();

        assertEquals(List.of(EndpointDeliverer.MOST_IN_ONE_CALL, 3), sizes);
        assertTrue(outcomes.stream().allMatch(outcome -> outcome.join() instanceof DeliveryOutcome.Accepted));
        assertEquals(0, deliverer.inProgress());
    }

    @Test
    void aSessionsGroupIsOneCallAndAFailedGroupTellsEverySenderToRetry() throws Exception {
        factory.batchMdb = batch -> {
            throw new IllegalStateException("the store is down");
        };
        CompletableFuture<List<DeliveryOutcome>> outcomes = deliverer(4)
                .deliverEach(List.of(message("a"), message("b"))).toCompletableFuture();

        runDeliveryThreads();

        List<DeliveryOutcome> told = outcomes.get();
        assertEquals(2, told.size());
        told.forEach(outcome -> assertInstanceOf(DeliveryOutcome.Failed.class, outcome));
        assertTrue(calls.contains("onMessages [a, b]"));
        assertTrue(calls.contains("rollback"));
    }

    @Test
    void aRejectOfTheWholeGroupRefusesEveryMessageAndRollsBack() throws Exception {
        factory.batchMdb = batch -> {
            throw new RejectException(554, "5.7.1", "none of these");
        };
        CompletableFuture<List<DeliveryOutcome>> outcomes = deliverer(4)
                .deliverEach(List.of(message("a"), message("b"))).toCompletableFuture();

        runDeliveryThreads();

        DeliveryOutcome refused = new DeliveryOutcome.Rejected(554, "5.7.1", "none of these");
        assertEquals(List.of(refused, refused), outcomes.get());
        assertTrue(calls.containsAll(List.of("setRollbackOnly", "rollback")));
    }

    @Test
    void allOrNoneOnABatchListenerIsOneCallThatRollsBackWhenOneMessageIsRefused() throws Exception {
        factory.batchMdb = batch -> batch.refuse(batch.messages().get(1),
                new RejectException(550, "5.1.1", "no such user"));
        CompletableFuture<DeliveryOutcome> outcome = deliverer(4)
                .deliverAll(List.of(message("a"), message("b"))).toCompletableFuture();

        runDeliveryThreads();

        assertEquals(new DeliveryOutcome.Rejected(550, "5.1.1", "no such user"), outcome.get());
        assertTrue(calls.containsAll(List.of("onMessages [a, b]", "setRollbackOnly", "rollback")), calls.toString());
    }

    @Test
    void aMailListenerTakesNoGroupOfMoreThanOne() throws Exception {
        EndpointDeliverer deliverer = deliverer(4);
        assertFalse(deliverer.groups());
        List<DeliveryOutcome> outcomes = deliverer.deliverEach(List.of(message("a"), message("b")))
                .toCompletableFuture().get();
        assertEquals(2, outcomes.stream().filter(DeliveryOutcome.Failed.class::isInstance).count());
        assertEquals(List.of(), calls);
    }

    /** Activated as a BatchMailListener when the test gave the MDB an onMessages. */
    private EndpointDeliverer deliverer(int max) throws UnavailableException {
        return new EndpointDeliverer(factory, transactions, manual, max, Duration.ZERO, System::nanoTime,
                factory.batchMdb != null);
    }

    private void runDeliveryThreads() {
        while (!deliveryThreads.isEmpty()) {
            deliveryThreads.poll().run();
        }
    }

    private ReceivedMessage message(String id) {
        ContentBuffer content = new ContentBuffer(Runnable::run, spill, 1024);
        content.append("Subject: x\r\n\r\nbody\r\n".getBytes());
        return new ReceivedMessage(id, new Envelope("a@b.test", List.of("c@d.test"), Map.of()),
                new SessionInfo("test", Protocol.ESMTP, null, null, "client.test"), content);
    }

    private static RecipientCheck recipient(String address) {
        return new RecipientCheck(address, new Envelope("a@b.test", List.of(), Map.of()),
                new SessionInfo("test", Protocol.ESMTP, null, null, "client.test"));
    }

    /** Containers may wrap an MDB's application exception; the adapter must still find the reject. */
    private static final class WrappedReject extends RuntimeException {
        WrappedReject(RejectException cause) {
            super(cause);
        }
    }

    /** A container's endpoint factory in miniature: a transaction per delivery, committed unless rollback-only. */
    private final class FakeFactory implements MessageEndpointFactory {
        Consumer<InboundMessage> mdb = m -> { };
        Consumer<RecipientCheck> check = r -> { };
        /** Set: the MDB is a BatchMailListener, this its onMessages. */
        BatchMdb batchMdb;
        boolean rollbackOnly;
        boolean unavailable;
        /** Another XA resource in each transaction (a JMS send, say): the manager commits in two phases. */
        boolean otherResource;
        boolean transacted = true;
        RejectException checkedReject;

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) throws UnavailableException {
            return createEndpoint(xa, 0);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) throws UnavailableException {
            calls.add("createEndpoint");
            if (unavailable) {
                throw new UnavailableException("no instance", new IllegalStateException("pool exhausted"));
            }
            boolean[] failed = {false};
            return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MessageEndpoint.class, batchMdb != null ? BatchMailListener.class : MailListener.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "beforeDelivery" -> {
                                Method called = (Method) args[0];
                                calls.add(called.getName().equals("onMessage") ? "beforeDelivery"
                                        : "beforeDelivery " + called.getName());
                                rollbackOnly = false;
                            }
                            case "onMessage" -> {
                                if (checkedReject != null) {
                                    throw checkedReject; // an application exception: the container commits unless told otherwise
                                }
                                try {
                                    mdb.accept((InboundMessage) args[0]);
                                } catch (RuntimeException e) {
                                    failed[0] = true;
                                    throw e;
                                }
                            }
                            case "onMessages" -> {
                                MessageBatch batch = (MessageBatch) args[0];
                                calls.add("onMessages " + batch.messages().stream().map(InboundMessage::queueId)
                                        .toList());
                                try {
                                    batchMdb.accept(batch);
                                } catch (RuntimeException e) {
                                    failed[0] = true;
                                    throw e;
                                }
                            }
                            case "checkRecipient" -> {
                                try {
                                    check.accept((RecipientCheck) args[0]);
                                } catch (RuntimeException e) {
                                    failed[0] = true;
                                    throw e;
                                }
                            }
                            case "afterDelivery" -> {
                                calls.add("afterDelivery");
                                if (failed[0] || rollbackOnly) {
                                    calls.add("rollback");
                                    xa.rollback(null);
                                } else if (otherResource) {
                                    calls.add("prepare");
                                    xa.prepare(null);
                                    calls.add("commit");
                                    xa.commit(null, false);
                                } else {
                                    calls.add("commit");
                                    xa.commit(null, true);
                                }
                            }
                            case "release" -> calls.add("release");
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return transacted;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return batchMdb != null ? BatchMailListener.class : MailListener.class;
        }
    }

    /** A BatchMailListener's onMessages, as a test writes it. */
    private interface BatchMdb {
        void accept(MessageBatch batch) throws RejectException;
    }
}
