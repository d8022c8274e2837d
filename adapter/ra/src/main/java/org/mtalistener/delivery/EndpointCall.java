package org.mtalistener.delivery;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.logging.Logger;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.RejectException;
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
 */
final class EndpointCall {

    private static final Logger LOG = Logger.getLogger(EndpointCall.class.getName());
    static final Method ON_MESSAGE = listenerMethod("onMessage", InboundMessage.class);
    static final Method CHECK_RECIPIENT = listenerMethod("checkRecipient", RecipientCheck.class);

    private final MessageEndpointFactory factory;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean transacted;
    /** Whether the container runs checkRecipient in a transaction; asked at the first check. */
    private volatile Boolean checkTransacted;

    /** @param transactions the container's registry, to roll back a rejected delivery; may be null */
    EndpointCall(MessageEndpointFactory factory, TransactionSynchronizationRegistry transactions)
            throws UnavailableException {
        this.factory = factory;
        this.transactions = transactions;
        try {
            this.transacted = factory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new UnavailableException("the MDB does not implement " + ON_MESSAGE, e);
        }
    }

    boolean transacted() {
        return transacted;
    }

    DeliveryOutcome deliver(ReceivedMessage message) {
        Ending ending = call(ON_MESSAGE, transacted, message.queueId(),
                endpoint -> ((MailListener) endpoint).onMessage(message));
        if (ending.reject() != null) {
            RejectException reject = ending.reject();
            DeliveryOutcome.Rejected rejected =
                    new DeliveryOutcome.Rejected(reject.code(), reject.enhancedCode(), reject.text());
            LOG.warning(() -> message.queueId() + " rejected by the MDB: " + rejected.code() + " "
                    + rejected.enhancedCode() + " " + rejected.text());
            return rejected;
        }
        if (ending.failure() != null) {
            LOG.warning(() -> message.queueId() + " not accepted, the sender will retry: " + ending.failure());
            return new DeliveryOutcome.Failed(ending.failure());
        }
        return new DeliveryOutcome.Accepted(message.queueId());
    }

    /**
     * Asks the MDB about one recipient (Recipient_Check): the same strict pairing as a delivery, around
     * {@code checkRecipient}. A refusal is the session's business (logged there); a failure is logged here.
     */
    RecipientVerdict check(RecipientCheck recipient) {
        Boolean checkTransacted = this.checkTransacted;
        if (checkTransacted == null) {
            try {
                this.checkTransacted = checkTransacted = factory.isDeliveryTransacted(CHECK_RECIPIENT);
            } catch (NoSuchMethodException e) {
                String reason = "the container does not know " + CHECK_RECIPIENT + ": " + describe(e);
                LOG.warning(() -> "recipient " + ClientText.quoted(recipient.recipient()) + " not checked, the client will retry: "
                        + reason);
                return new RecipientVerdict.Failed(reason);
            }
        }
        String what = "recipient " + recipient.recipient();
        Ending ending = call(CHECK_RECIPIENT, checkTransacted, what,
                endpoint -> ((MailListener) endpoint).checkRecipient(recipient));
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
            String call = method == ON_MESSAGE ? "delivery" : "check";
            return Ending.failed(probe.rolledBack()
                    ? "the " + call + "'s transaction was rolled back"
                    : "the " + call + "'s transaction did not commit (the container never committed the adapter's "
                            + "XA resource)");
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

    private static Method listenerMethod(String name, Class<?> parameter) {
        try {
            return MailListener.class.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
