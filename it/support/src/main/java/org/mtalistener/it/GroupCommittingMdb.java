package org.mtalistener.it;

import jakarta.annotation.Resource;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.RejectException;

/**
 * The group-commit test MDB of both containers, less its {@code @MessageDriven} (each IT gives it a port of its own):
 * a {@link BatchMailListener} that stores each message of a batch when, and only when, the batch's transaction
 * commits, and treats a message as its first recipient's local part says: {@code refuse} is refused alone (550),
 * {@code count} is refused with the size of the batch it came in ({@value #COUNT_TEXT} N), {@code fail} makes the
 * whole call throw. {@link GroupCommitScenario} is what it is for.
 */
public abstract class GroupCommittingMdb implements BatchMailListener {

    public static final String REFUSAL = "refused alone by the test MDB";
    public static final String COUNT_TEXT = "in a batch of";

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessages(MessageBatch batch) {
        for (InboundMessage message : batch.messages()) {
            switch (message.envelope().recipients().get(0).replaceFirst("@.*", "")) {
                case "refuse" -> batch.refuse(message, new RejectException(550, "5.7.1", REFUSAL));
                case "count" -> batch.refuse(message,
                        new RejectException(550, "5.7.1", COUNT_TEXT + " " + batch.messages().size()));
                case "fail" -> throw new IllegalStateException("test MDB failure for " + message.queueId());
                default -> StoreOnCommit.register(transactions, message);
            }
        }
    }
}
