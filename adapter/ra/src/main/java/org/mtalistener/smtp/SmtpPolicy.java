package org.mtalistener.smtp;

import java.util.Objects;
import java.util.Set;

/**
 * The rules a session applies to its client, beyond the limits of {@link SmtpSettings}; each is an ecelerity.conf
 * option of the same name. Made with {@link #builder()}, which starts from Momentum's defaults, so each rule is set
 * by name.
 */
public final class SmtpPolicy {

    /** Momentum's defaults, every domain local. */
    public static final SmtpPolicy DEFAULT = builder().build();

    private final String staticBanner;
    private final boolean requireEhlo;
    private final boolean allowNullSender;
    private final boolean allowIpLiteral;
    private final boolean allowTrailingWhitespace;
    private final int maxReceptionsPerConnection;
    private final int maxRecipientsPerConnection;
    private final RelayRules relay;
    private final boolean enhancedStatusCodes;
    private final Set<SmtpExtension> extensions;
    private final boolean recipientCheck;
    private final String unqualifiedSenderDomain;
    private final String unqualifiedRecipientDomain;
    private final BareNewlinePolicy bareNewlines;
    private final long minDataRate;

    private SmtpPolicy(Builder b) {
        if (b.staticBanner != null && (!b.staticBanner.startsWith("220 ")
                || !b.staticBanner.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("staticBanner must be one line of printable ASCII starting with "
                    + "\"220 \": " + b.staticBanner);
        }
        if (b.maxReceptionsPerConnection < 0 || b.maxRecipientsPerConnection < 0) {
            throw new IllegalArgumentException("per-connection limits are 0 (none) or positive");
        }
        requireDomain(b.unqualifiedSenderDomain, "unqualifiedSenderDomain");
        requireDomain(b.unqualifiedRecipientDomain, "unqualifiedRecipientDomain");
        this.staticBanner = b.staticBanner;
        this.requireEhlo = b.requireEhlo;
        this.allowNullSender = b.allowNullSender;
        this.allowIpLiteral = b.allowIpLiteral;
        this.allowTrailingWhitespace = b.allowTrailingWhitespace;
        this.maxReceptionsPerConnection = b.maxReceptionsPerConnection;
        this.maxRecipientsPerConnection = b.maxRecipientsPerConnection;
        this.relay = Objects.requireNonNull(b.relay, "relay");
        this.enhancedStatusCodes = b.enhancedStatusCodes;
        this.extensions = Set.copyOf(b.extensions);
        this.recipientCheck = b.recipientCheck;
        this.bareNewlines = b.bareNewlines;
        this.minDataRate = b.minDataRate;
        this.unqualifiedSenderDomain = b.unqualifiedSenderDomain;
        this.unqualifiedRecipientDomain = b.unqualifiedRecipientDomain;
    }

    /** A builder with Momentum's defaults: the standard extensions, enhanced status codes, every domain local. */
    public static Builder builder() {
        return new Builder();
    }

    /** The whole greeting ({@code 220 mx.example.com ESMTP}) instead of the built-in one; null for the built-in one. */
    public String staticBanner() {
        return staticBanner;
    }

    /** MAIL, RCPT, DATA and VRFY before EHLO/HELO get {@code 550 5.5.1}. */
    public boolean requireEhlo() {
        return requireEhlo;
    }

    /** {@code MAIL FROM:<>} is taken. */
    public boolean allowNullSender() {
        return allowNullSender;
    }

    /** Address literals ({@code user@[192.0.2.1]}) are taken in MAIL and RCPT. */
    public boolean allowIpLiteral() {
        return allowIpLiteral;
    }

    /** Spaces inside the angle brackets and at the end of a command are ignored. */
    public boolean allowTrailingWhitespace() {
        return allowTrailingWhitespace;
    }

    /** Messages accepted per session, then {@code 421} and close; 0 = no limit. */
    public int maxReceptionsPerConnection() {
        return maxReceptionsPerConnection;
    }

    /** Recipients per session, then {@code 452 4.5.3}; 0 = no limit. */
    public int maxRecipientsPerConnection() {
        return maxRecipientsPerConnection;
    }

    /** Who may send to domains that are not local. */
    public RelayRules relay() {
        return relay;
    }

    /**
     * ENHANCEDSTATUSCODES is offered and replies carry RFC 3463 codes; off when SMTP_Extensions is written for the
     * client without it.
     */
    public boolean enhancedStatusCodes() {
        return enhancedStatusCodes;
    }

    /** The further extensions offered (CHUNKING, SMTPUTF8, XCLIENT, ...). */
    public Set<SmtpExtension> extensions() {
        return extensions;
    }

    /** Whether {@code extension} is offered. */
    public boolean offers(SmtpExtension extension) {
        return extensions.contains(extension);
    }

    /**
     * Recipient_Check: a recipient that passed the session's own checks is put to the MDB's {@code checkRecipient}
     * before RCPT TO is answered (when the listener has a checker at all).
     */
    public boolean recipientCheck() {
        return recipientCheck;
    }

    /**
     * Domain_For_Unqualified_Sender_Address: {@code MAIL FROM:<user>} is taken as {@code user@}this domain; null:
     * refused as a syntax error.
     */
    public String unqualifiedSenderDomain() {
        return unqualifiedSenderDomain;
    }

    /**
     * Domain_For_Unqualified_Recipient_Addresses: {@code RCPT TO:<user>} is taken as {@code user@}this domain,
     * {@code <postmaster>} too; null: refused as a syntax error, except {@code <postmaster>}, which RFC 5321 makes
     * every server take.
     */
    public String unqualifiedRecipientDomain() {
        return unqualifiedRecipientDomain;
    }

    /** What a bare CR, a bare LF or a NUL in a command line or a message gets (Bare_Newline_Policy). */
    public BareNewlinePolicy bareNewlines() {
        return bareNewlines;
    }

    /** Octets a second that earn a request's content a second more than the idle time (Min_Data_Rate). */
    public long minDataRate() {
        return minDataRate;
    }

    /** The domain is written into envelope addresses the MDB and relay rules see: it must be one. */
    private static void requireDomain(String domain, String what) {
        if (domain != null && !PathArgument.isDomain(domain) && !PathArgument.isAddressLiteral(domain)) {
            throw new IllegalArgumentException(what + " must be a domain such as example.com or an address literal "
                    + "such as [192.0.2.1]: \"" + domain + "\"");
        }
    }

    /** Each rule by name; {@link #build()} checks them together. */
    public static final class Builder {

        private String staticBanner;
        private boolean requireEhlo;
        private boolean allowNullSender = true;
        private boolean allowIpLiteral = true;
        private boolean allowTrailingWhitespace;
        private int maxReceptionsPerConnection;
        private int maxRecipientsPerConnection;
        private RelayRules relay = RelayRules.EVERY_DOMAIN_LOCAL;
        private boolean enhancedStatusCodes = true;
        private Set<SmtpExtension> extensions = SmtpExtension.STANDARD;
        private boolean recipientCheck;
        private String unqualifiedSenderDomain;
        private String unqualifiedRecipientDomain;
        private BareNewlinePolicy bareNewlines = BareNewlinePolicy.REJECT;
        private long minDataRate = 500;

        private Builder() {
        }

        public Builder staticBanner(String staticBanner) {
            this.staticBanner = staticBanner;
            return this;
        }

        public Builder requireEhlo(boolean requireEhlo) {
            this.requireEhlo = requireEhlo;
            return this;
        }

        public Builder allowNullSender(boolean allowNullSender) {
            this.allowNullSender = allowNullSender;
            return this;
        }

        public Builder allowIpLiteral(boolean allowIpLiteral) {
            this.allowIpLiteral = allowIpLiteral;
            return this;
        }

        public Builder allowTrailingWhitespace(boolean allowTrailingWhitespace) {
            this.allowTrailingWhitespace = allowTrailingWhitespace;
            return this;
        }

        public Builder maxReceptionsPerConnection(int maxReceptionsPerConnection) {
            this.maxReceptionsPerConnection = maxReceptionsPerConnection;
            return this;
        }

        public Builder maxRecipientsPerConnection(int maxRecipientsPerConnection) {
            this.maxRecipientsPerConnection = maxRecipientsPerConnection;
            return this;
        }

        public Builder relay(RelayRules relay) {
            this.relay = relay;
            return this;
        }

        public Builder enhancedStatusCodes(boolean enhancedStatusCodes) {
            this.enhancedStatusCodes = enhancedStatusCodes;
            return this;
        }

        public Builder extensions(Set<SmtpExtension> extensions) {
            this.extensions = extensions;
            return this;
        }

        public Builder recipientCheck(boolean recipientCheck) {
            this.recipientCheck = recipientCheck;
            return this;
        }

        /** The domains for addresses written without one; null refuses such addresses. */
        public Builder unqualifiedDomains(String sender, String recipient) {
            this.unqualifiedSenderDomain = sender;
            this.unqualifiedRecipientDomain = recipient;
            return this;
        }

        public Builder bareNewlines(BareNewlinePolicy bareNewlines) {
            this.bareNewlines = bareNewlines;
            return this;
        }

        public Builder minDataRate(long minDataRate) {
            this.minDataRate = minDataRate;
            return this;
        }

        public SmtpPolicy build() {
            return new SmtpPolicy(this);
        }
    }
}
