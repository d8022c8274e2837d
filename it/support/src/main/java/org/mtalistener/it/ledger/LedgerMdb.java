package org.mtalistener.it.ledger;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.it.StoreOnCommit;
import org.mtalistener.it.Ports;

/**
 * The ledger's MDB: stores each message in the sample's Maildir when its delivery transaction commits, after
 * injecting the fault its {@value LedgerMessage#FAULT_HEADER} header names ({@link Fault}). Deployed alone (with
 * {@link StoreOnCommit} and the sample's {@code Maildir}) by the ledger IT and by {@code bench/faults.sh}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + LedgerMdb.PORT)})
public class LedgerMdb implements MailListener {

    /** Outside the ports of the other tests (25xx/26xx), so the ledger can run beside them. */
    public static final int PORT = Ports.LEDGER;

    @Resource
    private MessageDrivenContext context;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessage(InboundMessage message) {
        byte[] content = StoreOnCommit.register(transactions, message);
        switch (Fault.of(LedgerMessage.header(content, LedgerMessage.FAULT_HEADER))) {
            case THROW -> throw new IllegalStateException("fault injected by the ledger into " + message.queueId());
            case ROLLBACK -> context.setRollbackOnly();
            case NONE -> {
            }
        }
    }
}
