package org.mtalistener.api;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages one {@link BatchMailListener#onMessages} call takes, in the order they arrived, and the ones the MDB
 * refused among them. Made by the adapter for each call; an MDB's own unit tests may make one too.
 *
 * <p>Not thread-safe: it belongs to the call it was made for.
 */
public final class MessageBatch {

    private final List<InboundMessage> messages;
    private final Map<InboundMessage, RejectException> refusals = new IdentityHashMap<>();

    public MessageBatch(List<? extends InboundMessage> messages) {
        this.messages = List.copyOf(messages);
    }

    /** The messages, in the order they arrived (on one session, in the order its client sent them). */
    public List<InboundMessage> messages() {
        return messages;
    }

    /**
     * Refuses one message for good or for now, with the reply its sender gets ({@code reply}'s code and text); the
     * other messages are not affected: each is accepted once the call's transaction commits. The MDB must not
     * store a message it refuses. Refusing a message twice keeps the last reply.
     *
     * @throws IllegalArgumentException if {@code message} is not one of this batch's
     */
    public void refuse(InboundMessage message, RejectException reply) {
        if (messages.stream().noneMatch(m -> m == message)) {
            throw new IllegalArgumentException("message " + message.queueId() + " is not in this batch");
        }
        refusals.put(message, reply);
    }

    /** The reply {@code message} was refused with, if it was. */
    public Optional<RejectException> refusal(InboundMessage message) {
        return Optional.ofNullable(refusals.get(message));
    }
}
