package org.mtalistener.ecstream.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The envelope of one message.
 *
 * @param sender     the envelope sender without angle brackets; empty for the null sender
 * @param recipients at least one recipient, without angle brackets
 * @param parameters envelope parameters as ESMTP MAIL FROM has them (e.g. {@code BODY=8BITMIME}); an empty value
 *                   stands for a parameter without one
 */
public record Envelope(String sender, List<String> recipients, Map<String, String> parameters) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        // Kept in the caller's order: they go on the wire in it.
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Envelope(String sender, List<String> recipients) {
        this(sender, recipients, Map.of());
    }
}
