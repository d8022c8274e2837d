package org.mtalistener.delivery;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.RejectException;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.log.ClientText;

/**
 * One delivery to an MDB endpoint: {@code createEndpoint → beforeDelivery → onMessage → afterDelivery}, with
 * {@code afterDelivery} called exactly when {@code beforeDelivery} succeeded and {@code release} always. Runs on a
 * delivery thread, where the MDB may take as long as it likes, or on an event loop only while the MDB is quick
 * ({@link EndpointDeliverer} bounds that).
 *
 * <p>Only a committed transaction (or, for an MDB that is not transacted, a normal return) yields
 * {@link DeliveryOutcome.Accepted}; everything else is {@link DeliveryOutcome.Failed} or the MDB's own reject.
 * A recipient check ({@code checkRecipient}) makes the same calls around its own method.
 *
 * <p>An MDB that is a {@link BatchMailListener} is always called through {@code onMessages}, with one or more
 * messages: all or none ({@link #deliver}) or each with its own outcome ({@link #deliverEach}, group commit).
 */
final class EndpointCall {

    private static final Logger LOG = Logger.getLogger(EndpointCall.class.getName());
    static final Method ON_MESSAGE = listenerMethod(MailListener.class, "onMessage", InboundMessage.class);
    static final Method ON_MESSAGES = listenerMethod(BatchMailListener.class, "onMessages", MessageBatch.class);
    static final Method CHECK_RECIPIENT = listenerMethod(MailListener.class, "checkRecipient", RecipientCheck.class);
    static final Method CHECK_CONNECTION = listenerMethod(MailListener.class, "checkConnection", SessionInfo.class);

    private final MessageEndpointFactory factory;
    private final TransactionSynchronizationRegistry transactions;
    /** Whether the MDB is a BatchMailListener: its deliveries go through {@link #ON_MESSAGES}. */
    private final boolean batches;
    private final Method delivery;
    private final boolean transacted;
    /** Whether the container runs checkRecipient (checkConnection) in a transaction; asked at the first check. */
    private final Map<Method, Boolean> checkTransacted = new ConcurrentHashMap<>();

    /**
     * @param transactions the container's registry, to roll back a rejected delivery; may be null
     * @param batches      whether the container activated the MDB as a BatchMailListener: its endpoints take
     *                     {@code onMessages}
     */
    EndpointCall(MessageEndpointFactory factory, TransactionSynchronizationRegistry transactions, boolean batches)
            throws UnavailableException {
        this.factory = factory;
        this.transactions = transactions;
        this.batches = batches;
        this.delivery = batches ? ON_MESSAGES : ON_MESSAGE;
        try {
            this.transacted = factory.isDeliveryTransacted(delivery);
        } catch (NoSuchMethodException e) {
            throw new UnavailableException("the MDB does not implement " + delivery, e);
        }
    }

    boolean transacted() {
        return transacted;
    }

    boolean batches() {
        return batches;
    }

    /**
     * Delivers {@code messages} in one call: one {@code beforeDelivery}, an {@code onMessage} for each (or one
     * {@code onMessages} for all), one {@code afterDelivery} — one transaction (JCA 1.7 §13.5.6 lets a resource
     * adapter deliver several messages between the two), so they are taken all or none. A reject of any rolls all
     * of them back.
     */
    DeliveryOutcome deliver(List<ReceivedMessage> messages) {
        String ids = queueIds(messages);
        Ending ending = call(delivery, transacted, ids, batches
                ? endpoint -> {
                    MessageBatch batch = new MessageBatch(messages);
                    ((BatchMailListener) endpoint).onMessages(batch);
                    for (ReceivedMessage message : messages) {
                        Optional<RejectException> refusal = batch.refusal(message);
                        if (refusal.isPresent()) {
                            throw refusal.get(); // one refused: none is taken
                        }
                    }
                }
                : endpoint -> {
                    for (ReceivedMessage message : messages) {
                        ((MailListener) endpoint).onMessage(message);
                    }
                });
        if (ending.failure() != null) {
            LOG.warning(() -> ids + " not accepted, the sender will retry: " + ending.failure());
            return new DeliveryOutcome.Failed(ending.failure());
        }
        return ending.reject() != null ? rejected(ids, ending.reject())
                : new DeliveryOutcome.Accepted(messages.get(0).queueId());
    }

    /**
     * Group commit: delivers {@code messages} to a BatchMailListener in one call and one transaction, each with
     * its own outcome — accepted once the transaction committed, unless the MDB refused it alone. A failure, or a
     * reject of the whole call, is every message's outcome.
     */
    List<DeliveryOutcome> deliverEach(List<ReceivedMessage> messages) {
        String ids = queueIds(messages);
        MessageBatch batch = new MessageBatch(messages);
        Ending ending = call(ON_MESSAGES, transacted, ids, endpoint -> ((BatchMailListener) endpoint).onMessages(batch));
        if (ending.failure() != null) {
            LOG.warning(() -> ids + " not accepted, the senders will retry: " + ending.failure());
            return Collections.nCopies(messages.size(), new DeliveryOutcome.Failed(ending.failure()));
        }
        if (ending.reject() != null) {
            return Collections.nCopies(messages.size(), rejected(ids, ending.reject()));
        }
        return messages.stream().map(message -> batch.refusal(message)
                .map(refusal -> (DeliveryOutcome) rejected(message.queueId(), refusal))
                .orElseGet(() -> new DeliveryOutcome.Accepted(message.queueId()))).toList();
    }

    private static DeliveryOutcome.Rejected rejected(String ids, RejectException reject) {
        DeliveryOutcome.Rejected rejected =
                new DeliveryOutcome.Rejected(reject.code(), reject.enhancedCode(), reject.text());
        LOG.warning(() -> ids + " rejected by the MDB: " + rejected.code() + " " + rejected.enhancedCode() + " "
                + rejected.text());
        return rejected;
    }

    private static String queueIds(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::queueId).collect(Collectors.joining(", "));
    }

    /**
     * Asks the MDB about one recipient (Recipient_Check): the same strict pairing as a delivery, around
     * {@code checkRecipient}. A refusal is the session's business (logged there); a failure is logged here.
     */
    RecipientVerdict check(RecipientCheck recipient) {
        return check(CHECK_RECIPIENT, "recipient " + ClientText.quoted(recipient.recipient()),
                endpoint -> ((MailListener) endpoint).checkRecipient(recipient));
    }

    /** Asks the MDB about a new connection (Connection_Check), as {@link #check(RecipientCheck)} does. */
    RecipientVerdict check(SessionInfo session) {
        return check(CHECK_CONNECTION, "connection from " + session.remoteAddress(),
                endpoint -> ((MailListener) endpoint).checkConnection(session));
    }

    private RecipientVerdict check(Method method, String what, Invocation invocation) {
        Boolean transacted = checkTransacted.get(method);
        if (transacted == null) {
            try {
                transacted = factory.isDeliveryTransacted(method);
                checkTransacted.put(method, transacted);
            } catch (NoSuchMethodException e) {
                String reason = "the container does not know " + method + ": " + describe(e);
                LOG.warning(() -> what + " not checked, the client will retry: " + reason);
                return new RecipientVerdict.Failed(reason);
            }
        }
        Ending ending = call(method, transacted, what, invocation);
        if (ending.reject() != null) {
            RejectException reject = ending.reject();
            return new RecipientVerdict.Refused(reject.code(), reject.enhancedCode(), reject.text());
        }
        if (ending.failure() != null) {
            LOG.warning(() -> what + " not checked, the client will retry: " + ending.failure());
            return new RecipientVerdict.Failed(ending.failure());
        }
        return new RecipientVerdict.Accepted();
    }

    /** The MDB method one call makes. */
    private interface Invocation {
        void invoke(MessageEndpoint endpoint) throws Exception;
    }

    /** How one call ended: normally (both null), with the MDB's reject, or with a failure (for the log). */
    private record Ending(RejectException reject, String failure) {
        static final Ending NORMAL = new Ending(null, null);

        static Ending failed(String reason) {
            return new Ending(null, reason);
        }
    }

    /** {@code createEndpoint → beforeDelivery → method → afterDelivery}, {@code release} always. */
    private Ending call(Method method, boolean transacted, String what, Invocation invocation) {
        TransactionProbe probe = transacted ? new TransactionProbe() : null;
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(probe);
        } catch (UnavailableException e) {
            // Payara says nothing when its MDB pool is exhausted; the cause is the only hint.
            return Ending.failed("the container has no MDB instance available: " + describe(e));
        }
        try {
            return call(method, transacted, what, invocation, endpoint, probe);
        } finally {
            endpoint.release();
        }
    }

    private Ending call(Method method, boolean transacted, String what, Invocation invocation,
                        MessageEndpoint endpoint, TransactionProbe probe) {
        try {
            endpoint.beforeDelivery(method);
        } catch (NoSuchMethodException | ResourceException | RuntimeException e) {
            return Ending.failed("beforeDelivery failed: " + describe(e));
        }
        Throwable failure = null;
        RejectException reject = null;
        try {
            invocation.invoke(endpoint);
        } catch (Throwable t) {
            reject = findReject(t);
            failure = reject == null ? t : null;
            if (reject != null) {
                rollBack(transacted, what);
            }
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                if (failure == null && reject == null) {
                    failure = e;
                }
            }
        }
        if (reject != null) {
            return new Ending(reject, null);
        }
        if (failure != null) {
            return Ending.failed("the MDB failed: " + describe(failure));
        }
        if (probe != null && !probe.committed()) {
            String call = method == ON_MESSAGE || method == ON_MESSAGES ? "delivery" : "check";
            return Ending.failed(probe.rolledBack()
                    ? "the " + call + "'s transaction was rolled back"
                    : "the " + call + "'s transaction did not commit (the container never committed the adapter's "
                            + "XA resource)");
        }
        if (probe != null) {
            LOG.fine(() -> what + ": the transaction committed in " + (probe.prepared() ? "two phases" : "one phase"));
        }
        return Ending.NORMAL;
    }

    /**
     * A rejected message must leave no trace, but a container applies {@code @ApplicationException(rollback = true)}
     * only to exception classes it scanned in the application, and RejectException lives in the RAR. The delivery's
     * transaction is still this thread's until afterDelivery, so mark it here.
     */
    private void rollBack(boolean transacted, String what) {
        if (!transacted || transactions == null) {
            return;
        }
        try {
            transactions.setRollbackOnly();
        } catch (IllegalStateException e) {
            LOG.warning(() -> what + ": cannot roll back the rejected call's transaction: " + e);
        }
    }

    /** The container may hand the MDB's reject on as is or wrapped (e.g. in an EJBException). */
    private static RejectException findReject(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RejectException r) {
                return r;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append("; caused by ").append(c);
        }
        return s.toString();
    }

    private static Method listenerMethod(Class<?> listener, String name, Class<?> parameter) {
        try {
            return listener.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
