package org.mtalistener.api;

/**
 * The message listener interface of the adapter: an MDB implements it to receive every message accepted by a
 * listener it is bound to.
 *
 * <p>The sender is told "accepted" only after {@link #onMessage} returned and the container committed the
 * delivery's transaction. If the method throws anything other than {@link RejectException}, or the transaction
 * rolls back, the sender is told to try again later ({@code 451 4.3.0}). To refuse a message for good, throw
 * {@link RejectException} with the reply the sender should see.
 *
 * <p>An MDB may also refuse single recipients while the client names them, before any content is sent: see
 * {@link #checkRecipient}.
 */
public interface MailListener {

    /**
     * Takes one received message. The content stays readable until this method returns.
     *
     * @throws RejectException to refuse the message with a chosen reply; the transaction is rolled back
     */
    void onMessage(InboundMessage message) throws RejectException;

    /**
     * Checks one recipient at {@code RCPT TO} time, on a listener with {@code Recipient_Check = true} (ESMTP only;
     * the option may be set per Listen or Peer). To refuse the recipient throw {@link RejectException}: the client
     * gets that reply for this {@code RCPT TO} alone, e.g. {@code 550 5.1.1 no such user here}, and the transaction
     * goes on with its other recipients. Returning accepts the recipient ({@code 250 2.1.5}); the message that
     * follows names it in its envelope and comes to {@link #onMessage} as usual. If this method throws anything
     * else, or the container has no MDB instance for the call, the client is told {@code 451 4.3.0} for this
     * recipient and may try it again later.
     *
     * <p>The call goes through the container like a delivery (its own {@code beforeDelivery}/{@code afterDelivery},
     * on a container thread; it counts against {@code Max_Concurrent_Deliveries}), and the session reads nothing
     * until it returns: keep it quick — a lookup, not a delivery. Under container-managed transactions it runs in
     * a transaction of its own unless annotated {@code @TransactionAttribute(NOT_SUPPORTED)}; a check whose
     * transaction rolls back (other than by a {@link RejectException}) counts as failed ({@code 451}).
     *
     * <p>The default accepts every recipient. With {@code Recipient_Check} off (the default) the adapter never calls
     * this method; with it on, an MDB class that does not override it is not called either.
     *
     * @throws RejectException to refuse this recipient with a reply of its own (4xx or 5xx)
     */
    default void checkRecipient(RecipientCheck check) throws RejectException {
    }

    /**
     * Checks a new connection before the listener says anything, on a listener with {@code Connection_Check = true}
     * (ESMTP only; the option may be set per Listen or Peer): e.g. to refuse a client by its address's reputation.
     * {@code session} names the listener and the local and remote addresses (the client a PROXY header named);
     * there is no HELO name, TLS or user yet. To refuse the client throw {@link RejectException}: its reply is the
     * only thing the client hears, and the connection is closed ({@code 554 5.7.1 ...} for good, a 4xx to ask it to
     * come back later). Returning lets the session begin with its banner. If this method throws anything else, or
     * the container has no MDB instance for the call, the client is told {@code 421 4.3.0} and the connection is
     * closed.
     *
     * <p>The call goes through the container as {@link #checkRecipient} does (on a container thread, counting
     * against {@code Max_Concurrent_Deliveries}); the connection reads nothing until it returns: keep it quick.
     *
     * <p>The default accepts every connection. With {@code Connection_Check} off (the default) the adapter never
     * calls this method; with it on, an MDB class that does not override it is not called either.
     *
     * @throws RejectException to refuse the connection with a reply of its own (4xx or 5xx)
     */
    default void checkConnection(SessionInfo session) throws RejectException {
    }
}
