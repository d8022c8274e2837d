package org.mtalistener.api;

import java.util.List;

/**
 * Group commit: the message listener interface of an MDB that takes every message ready at that moment in one call,
 * and so in one transaction — one commit, one sync of a durable store, one {@code beforeDelivery}/{@code
 * afterDelivery} pair for all of them, where a {@link MailListener} pays each once per message.
 *
 * <p>The adapter never waits to fill a batch: a call takes what has arrived and is waiting — the messages the
 * sessions of one event loop finished in the same turn, an ECStream session's pipelined messages, and those that
 * waited while the calls in progress held every place of {@code Max_Concurrent_Deliveries} — so one quiet session
 * sees no added latency. A batch may hold a single message.
 *
 * <p>The delivery contract is the same, per message: each sender is told "accepted" only after
 * {@link #onMessages} returned and the container committed the call's transaction. Refusing one message
 * ({@link MessageBatch#refuse}) answers that sender with the given reply and leaves the others alone. If the method
 * throws anything other than {@link RejectException}, or the transaction rolls back, every sender in the batch is
 * told to try again later ({@code 451 4.3.0}); a {@link RejectException} thrown by the method refuses every message
 * of the batch with its reply, and the transaction is rolled back. For an MDB whose store is not in the transaction
 * (bean-managed, or {@code NOT_SUPPORTED}), a failure after part of the batch was stored means those messages are
 * stored and still retried by their senders: the duplicate window of a single message, widened to the batch.
 *
 * <p>The recipient and connection checks are {@link MailListener}'s, unchanged.
 */
public interface BatchMailListener extends MailListener {

    /**
     * Takes the batch's messages. Their content stays readable until this method returns.
     *
     * @throws RejectException to refuse every message of the batch with a chosen reply; the transaction is rolled
     *                         back
     */
    void onMessages(MessageBatch batch) throws RejectException;

    /** One message is a batch of one; its refusal is this method's reject. The adapter calls {@link #onMessages}. */
    @Override
    default void onMessage(InboundMessage message) throws RejectException {
        MessageBatch one = new MessageBatch(List.of(message));
        onMessages(one);
        if (one.refusal(message).isPresent()) {
            throw one.refusal(message).get();
        }
    }
}
