package org.mtalistener.api;

import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of a message.
 *
 * @param sender         the reverse path without angle brackets; empty for the null sender {@code <>}
 * @param recipients     the forward paths without angle brackets, in the order they were accepted
 * @param mailParameters the ESMTP parameters of {@code MAIL FROM} (keys upper case, e.g. {@code SIZE},
 *                       {@code BODY}); a parameter without a value maps to an empty string
 */
public record Envelope(String sender, List<String> recipients, Map<String, String> mailParameters) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
    }

    public boolean hasNullSender() {
        return sender.isEmpty();
    }
}
