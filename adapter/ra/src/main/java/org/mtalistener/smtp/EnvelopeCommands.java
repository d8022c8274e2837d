package org.mtalistener.smtp;

/**
 * MAIL FROM and RCPT TO: each command's checks in order — syntax, the session's policy, relay control, the limits
 * per message and per session — and the counts the per-session limits need. The session owns the state around
 * them (greeting, TLS, closing); this decides what each envelope command is answered.
 */
final class EnvelopeCommands {

    private final SmtpSettings settings;
    private final Transaction transaction;
    private int receptions;
    private int recipientsInSession;

    EnvelopeCommands(SmtpSettings settings, Transaction transaction) {
        this.settings = settings;
        this.transaction = transaction;
    }

    /** Whether the session has had as many messages accepted as Max_Receptions_Per_Connection allows. */
    boolean receptionsExhausted() {
        int max = settings.policy().maxReceptionsPerConnection();
        return max > 0 && receptions >= max;
    }

    void messageAccepted() {
        receptions++;
    }

    /**
     * The reply to MAIL FROM; the transaction is opened when it is a 250. {@code authenticated}: the client
     * authenticated, which Enable_Authentication asks for.
     */
    Reply mail(String argument, boolean authenticated) {
        if (transaction.hasSender()) {
            return Replies.MAIL_ALREADY_ESTABLISHED;
        }
        if (settings.auth().required() && !authenticated) {
            return Replies.AUTH_REQUIRED;
        }
        PathArgument path = PathArgument.parse(argument, "FROM");
        if (path == null || path.isPostmaster()) {
            return Replies.MAIL_SYNTAX;
        }
        if (path.isNullPath() && !settings.policy().allowNullSender()) {
            return Replies.NULL_SENDER_REFUSED;
        }
        if (path.hasAddressLiteral() && !settings.policy().allowIpLiteral()) {
            return Replies.ADDRESS_LITERAL_REFUSED;
        }
        Reply refusal = MailParameters.refusal(path.parameters(), settings.maxMessageSize(), settings.policy());
        if (refusal != null) {
            return refusal;
        }
        transaction.mailFrom(path.mailbox(), path.parameters());
        return Replies.MAIL_ACCEPTED;
    }

    /** The reply to RCPT TO; the recipient is added when it is a 250. An authenticated client may relay. */
    Reply rcpt(String argument, boolean authenticated) {
        if (!transaction.hasSender()) {
            return Replies.RCPT_WITHOUT_MAIL;
        }
        PathArgument path = PathArgument.parse(argument, "TO");
        if (path == null || path.isNullPath()) {
            return Replies.RCPT_SYNTAX;
        }
        if (!path.parameters().isEmpty()) {
            return Replies.UNSUPPORTED_RCPT_PARAMETER;
        }
        if (path.hasAddressLiteral() && !settings.policy().allowIpLiteral()) {
            return Replies.ADDRESS_LITERAL_REFUSED;
        }
        if (!settings.policy().relay().allows(transaction.sender(), path.mailbox(), authenticated)) {
            return Replies.RELAYING_DENIED;
        }
        int max = settings.maxRecipientsPerMessage();
        if (max > 0 && transaction.recipients().size() >= max) {
            return Replies.TOO_MANY_RECIPIENTS;
        }
        int maxInSession = settings.policy().maxRecipientsPerConnection();
        if (maxInSession > 0 && recipientsInSession >= maxInSession) {
            return Replies.TOO_MANY_RECIPIENTS_PER_CONNECTION;
        }
        recipientsInSession++;
        transaction.addRecipient(path.mailbox());
        return Replies.RCPT_ACCEPTED;
    }
}
