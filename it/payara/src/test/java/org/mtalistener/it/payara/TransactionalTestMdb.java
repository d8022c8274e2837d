package org.mtalistener.it.payara;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.it.Ports;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RejectException;
import org.mtalistener.it.StoreOnCommit;

/**
 * Stores a message only when its delivery transaction commits, and behaves as the first recipient's local part
 * says: {@code fail} throws, {@code rollback} marks the transaction rollback-only and returns normally,
 * {@code reject} refuses with 550 5.7.1; anything else is accepted.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + TransactionalTestMdb.PORT),
        @ActivationConfigProperty(propertyName = "idleTime", propertyValue = "30")})
public class TransactionalTestMdb implements MailListener {

    static final int PORT = Ports.TRANSACTIONAL;

    @Resource
    private MessageDrivenContext context;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessage(InboundMessage message) throws RejectException {
        StoreOnCommit.register(transactions, message);
        String behaviour = message.envelope().recipients().get(0).replaceFirst("@.*", "");
        switch (behaviour) {
            case "fail" -> throw new IllegalStateException("test MDB failure for " + message.queueId());
            case "rollback" -> context.setRollbackOnly();
            case "reject" -> throw new RejectException(550, "5.7.1", "refused by the test MDB");
            default -> {
            }
        }
    }
}
