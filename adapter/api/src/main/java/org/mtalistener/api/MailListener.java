package org.mtalistener.api;

/**
 * The message listener interface of the adapter: an MDB implements it to receive every message accepted by a
 * listener it is bound to.
 *
 * <p>The sender is told "accepted" only after {@link #onMessage} returned and the container committed the
 * delivery's transaction. If the method throws anything other than {@link RejectException}, or the transaction
 * rolls back, the sender is told to try again later ({@code 451 4.3.0}). To refuse a message for good, throw
 * {@link RejectException} with the reply the sender should see.
 */
public interface MailListener {

    /**
     * Takes one received message. The content stays readable until this method returns.
     *
     * @throws RejectException to refuse the message with a chosen reply; the transaction is rolled back
     */
    void onMessage(InboundMessage message) throws RejectException;
}
