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
 * @param smtpUtf8       whether the transaction was internationalized (RFC 6531: {@code MAIL FROM:<…> SMTPUTF8}):
 *                       sender and recipients may hold non-ASCII characters (given here as Java strings, decoded
 *                       from UTF-8), and the content may carry UTF-8 header fields (RFC 6532)
 */
public record Envelope(String sender, List<String> recipients, Map<String, String> mailParameters,
                       boolean smtpUtf8) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
    }

    /** An envelope that is internationalized when its parameters include {@code SMTPUTF8}. */
    public Envelope(String sender, List<String> recipients, Map<String, String> mailParameters) {
        this(sender, recipients, mailParameters, mailParameters.containsKey("SMTPUTF8"));
    }

    public boolean hasNullSender() {
        return sender.isEmpty();
    }
}
