package org.mtalistener.it.wildfly;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.forwarding.ForwardingMailMdb;
import org.mtalistener.it.Ports;

/**
 * The forwarding sample on a port of its own, failing after it has sent when a recipient asks: {@value #THROW}
 * makes it throw, {@value #ROLLBACK} marks the transaction rollback-only and return normally. Either way the message
 * is already in the JMS session; only the transaction keeps it off the queue.
 */
@MessageDriven(messageListenerInterface = MailListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + ForwardingFaultMdb.PORT),
        @ActivationConfigProperty(propertyName = "idleTime", propertyValue = "30")})
public class ForwardingFaultMdb extends ForwardingMailMdb {

    static final int PORT = Ports.FORWARDING_FAULTS;
    static final String THROW = "throw-after-send@server.test";
    static final String ROLLBACK = "rollback-only@server.test";

    @Resource
    private TransactionSynchronizationRegistry transaction;

    @Override
    public void onMessage(InboundMessage message) {
        super.onMessage(message);
        if (message.envelope().recipients().contains(THROW)) {
            throw new IllegalStateException(message.queueId() + ": failing after the send, as " + THROW + " asks");
        }
        if (message.envelope().recipients().contains(ROLLBACK)) {
            transaction.setRollbackOnly();
        }
    }
}
