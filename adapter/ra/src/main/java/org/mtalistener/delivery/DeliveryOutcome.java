package org.mtalistener.delivery;

/** What became of one delivery to an endpoint; each protocol turns it into its own reply. */
public sealed interface DeliveryOutcome {

    /** The endpoint took the message and its transaction committed: the only outcome that may be acknowledged. */
    record Accepted(String queueId) implements DeliveryOutcome {
    }

    /** The endpoint refused the message with a reply of its own choosing. */
    record Rejected(int code, String enhancedCode, String text) implements DeliveryOutcome {
    }

    /** Anything else: the sender must be told to try again later. The reason is for the log, not the wire. */
    record Failed(String reason) implements DeliveryOutcome {
    }
}
