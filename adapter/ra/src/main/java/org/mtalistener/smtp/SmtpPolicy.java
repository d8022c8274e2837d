package org.mtalistener.smtp;

import java.util.Objects;
import java.util.Set;

/**
 * The rules a session applies to its client, beyond the limits of {@link SmtpSettings}; each is an ecelerity.conf
 * option of the same name.
 *
 * @param staticBanner               the whole greeting ({@code 220 mx.example.com ESMTP}) instead of the built-in
 *                                   one; null for the built-in one
 * @param requireEhlo                MAIL, RCPT, DATA and VRFY before EHLO/HELO get {@code 550 5.5.1}
 * @param allowNullSender            {@code MAIL FROM:<>} is taken
 * @param allowIpLiteral             address literals ({@code user@[192.0.2.1]}) are taken in MAIL and RCPT
 * @param allowTrailingWhitespace    spaces inside the angle brackets and at the end of a command are ignored
 * @param maxReceptionsPerConnection messages accepted per session, then {@code 421} and close; 0 = no limit
 * @param maxRecipientsPerConnection recipients per session, then {@code 452 4.5.3}; 0 = no limit
 * @param relay                      who may send to domains that are not local
 * @param enhancedStatusCodes        ENHANCEDSTATUSCODES is offered and replies carry RFC 3463 codes; off when
 *                                   SMTP_Extensions is written for the client without it
 * @param extensions                 the further extensions offered (CHUNKING, SMTPUTF8, XCLIENT, ...)
 * @param recipientCheck             Recipient_Check: a recipient that passed the session's own checks is put to the
 *                                   MDB's {@code checkRecipient} before RCPT TO is answered (when the listener has a
 *                                   checker at all)
 * @param unqualifiedSenderDomain    Domain_For_Unqualified_Sender_Address: {@code MAIL FROM:<user>} is taken as
 *                                   {@code user@}this domain; null: refused as a syntax error
 * @param unqualifiedRecipientDomain Domain_For_Unqualified_Recipient_Addresses: {@code RCPT TO:<user>} is taken as
 *                                   {@code user@}this domain, {@code <postmaster>} too; null: refused as a syntax
 *                                   error, except {@code <postmaster>}, which RFC 5321 makes every server take
 */
public record SmtpPolicy(String staticBanner, boolean requireEhlo, boolean allowNullSender, boolean allowIpLiteral,
                         boolean allowTrailingWhitespace, int maxReceptionsPerConnection,
                         int maxRecipientsPerConnection, RelayRules relay, boolean enhancedStatusCodes,
                         Set<SmtpExtension> extensions, boolean recipientCheck, String unqualifiedSenderDomain,
                         String unqualifiedRecipientDomain) {

    /** Momentum's defaults, every domain local. */
    public static final SmtpPolicy DEFAULT = new SmtpPolicy(null, false, true, true, false, 0, 0,
            RelayRules.EVERY_DOMAIN_LOCAL);

    /** A policy that takes no address without a domain but {@code <postmaster>}. */
    public SmtpPolicy(String staticBanner, boolean requireEhlo, boolean allowNullSender, boolean allowIpLiteral,
                      boolean allowTrailingWhitespace, int maxReceptionsPerConnection, int maxRecipientsPerConnection,
                      RelayRules relay, boolean enhancedStatusCodes, Set<SmtpExtension> extensions,
                      boolean recipientCheck) {
        this(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes, extensions,
                recipientCheck, null, null);
    }

    /** A policy without the MDB's recipient check. */
    public SmtpPolicy(String staticBanner, boolean requireEhlo, boolean allowNullSender, boolean allowIpLiteral,
                      boolean allowTrailingWhitespace, int maxReceptionsPerConnection, int maxRecipientsPerConnection,
                      RelayRules relay, boolean enhancedStatusCodes, Set<SmtpExtension> extensions) {
        this(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes, extensions, false);
    }

    /** A policy with the standard extensions. */
    public SmtpPolicy(String staticBanner, boolean requireEhlo, boolean allowNullSender, boolean allowIpLiteral,
                      boolean allowTrailingWhitespace, int maxReceptionsPerConnection, int maxRecipientsPerConnection,
                      RelayRules relay, boolean enhancedStatusCodes) {
        this(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes,
                SmtpExtension.STANDARD);
    }

    /** A policy with enhanced status codes and the standard extensions. */
    public SmtpPolicy(String staticBanner, boolean requireEhlo, boolean allowNullSender, boolean allowIpLiteral,
                      boolean allowTrailingWhitespace, int maxReceptionsPerConnection, int maxRecipientsPerConnection,
                      RelayRules relay) {
        this(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, true);
    }

    /** Whether {@code extension} is offered. */
    public boolean offers(SmtpExtension extension) {
        return extensions.contains(extension);
    }

    /** This policy with {@code extensions} instead. */
    public SmtpPolicy withExtensions(Set<SmtpExtension> extensions) {
        return new SmtpPolicy(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes, extensions,
                recipientCheck, unqualifiedSenderDomain, unqualifiedRecipientDomain);
    }

    /** This policy with Recipient_Check {@code on} or off. */
    public SmtpPolicy withRecipientCheck(boolean on) {
        return new SmtpPolicy(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes, extensions, on,
                unqualifiedSenderDomain, unqualifiedRecipientDomain);
    }

    /** This policy with these domains for addresses written without one (null: such addresses are refused). */
    public SmtpPolicy withUnqualifiedDomains(String sender, String recipient) {
        return new SmtpPolicy(staticBanner, requireEhlo, allowNullSender, allowIpLiteral, allowTrailingWhitespace,
                maxReceptionsPerConnection, maxRecipientsPerConnection, relay, enhancedStatusCodes, extensions,
                recipientCheck, sender, recipient);
    }

    public SmtpPolicy {
        if (staticBanner != null && (!staticBanner.startsWith("220 ")
                || !staticBanner.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("staticBanner must be one line of printable ASCII starting with "
                    + "\"220 \": " + staticBanner);
        }
        Objects.requireNonNull(relay, "relay");
        extensions = Set.copyOf(extensions);
        if (maxReceptionsPerConnection < 0 || maxRecipientsPerConnection < 0) {
            throw new IllegalArgumentException("per-connection limits are 0 (none) or positive");
        }
        requireDomain(unqualifiedSenderDomain, "unqualifiedSenderDomain");
        requireDomain(unqualifiedRecipientDomain, "unqualifiedRecipientDomain");
    }

    /** The domain is written into envelope addresses the MDB and relay rules see: it must be one. */
    private static void requireDomain(String domain, String what) {
        if (domain != null && !PathArgument.isDomain(domain) && !PathArgument.isAddressLiteral(domain)) {
            throw new IllegalArgumentException(what + " must be a domain such as example.com or an address literal "
                    + "such as [192.0.2.1]: \"" + domain + "\"");
        }
    }
}
