package org.mtalistener.delivery;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.logging.Logger;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RejectException;

/**
 * One delivery to an MDB endpoint: {@code createEndpoint → beforeDelivery → onMessage → afterDelivery}, with
 * {@code afterDelivery} called exactly when {@code beforeDelivery} succeeded and {@code release} always. Runs on a
 * delivery thread, never on an event loop: the MDB may take as long as it likes.
 *
 * <p>Only a committed transaction (or, for an MDB that is not transacted, a normal return) yields
 * {@link DeliveryOutcome.Accepted}; everything else is {@link DeliveryOutcome.Failed} or the MDB's own reject.
 */
final class EndpointCall {

    private static final Logger LOG = Logger.getLogger(EndpointCall.class.getName());
    static final Method ON_MESSAGE = onMessageMethod();

    private final MessageEndpointFactory factory;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean transacted;

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
        TransactionProbe probe = transacted ? new TransactionProbe() : null;
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(probe);
        } catch (UnavailableException e) {
            // Payara says nothing when its MDB pool is exhausted; the cause is the only hint.
            return failed(message, "the container has no MDB instance available: " + describe(e));
        }
        try {
            return deliver(message, endpoint, probe);
        } finally {
            endpoint.release();
        }
    }

    private DeliveryOutcome deliver(ReceivedMessage message, MessageEndpoint endpoint, TransactionProbe probe) {
        try {
            endpoint.beforeDelivery(ON_MESSAGE);
        } catch (NoSuchMethodException | ResourceException | RuntimeException e) {
            return failed(message, "beforeDelivery failed: " + describe(e));
        }
        Throwable failure = null;
        RejectException reject = null;
        try {
            ((MailListener) endpoint).onMessage(message);
        } catch (Throwable t) {
            reject = findReject(t);
            failure = reject == null ? t : null;
            if (reject != null) {
                rollBack(message);
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
            DeliveryOutcome.Rejected rejected =
                    new DeliveryOutcome.Rejected(reject.code(), reject.enhancedCode(), reject.text());
            LOG.warning(() -> message.queueId() + " rejected by the MDB: " + rejected.code() + " "
                    + rejected.enhancedCode() + " " + rejected.text());
            return rejected;
        }
        if (failure != null) {
            return failed(message, "the MDB failed: " + describe(failure));
        }
        if (probe != null && !probe.committed()) {
            return failed(message, probe.rolledBack()
                    ? "the delivery's transaction was rolled back"
                    : "the delivery's transaction did not commit (the container never committed the adapter's XA resource)");
        }
        return new DeliveryOutcome.Accepted(message.queueId());
    }

    /**
     * A rejected message must leave no trace, but a container applies {@code @ApplicationException(rollback = true)}
     * only to exception classes it scanned in the application, and RejectException lives in the RAR. The delivery's
     * transaction is still this thread's until afterDelivery, so mark it here.
     */
    private void rollBack(ReceivedMessage message) {
        if (!transacted || transactions == null) {
            return;
        }
        try {
            transactions.setRollbackOnly();
        } catch (IllegalStateException e) {
            LOG.warning(() -> message.queueId() + ": cannot roll back the rejected delivery's transaction: " + e);
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

    private static DeliveryOutcome failed(ReceivedMessage message, String reason) {
        LOG.warning(() -> message.queueId() + " not accepted, the sender will retry: " + reason);
        return new DeliveryOutcome.Failed(reason);
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append("; caused by ").append(c);
        }
        return s.toString();
    }

    private static Method onMessageMethod() {
        try {
            return MailListener.class.getMethod("onMessage", org.mtalistener.api.InboundMessage.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
