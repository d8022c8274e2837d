package org.mtalistener.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mtalistener.mail.Reply;

/**
 * MAIL FROM and RCPT TO: each command's checks in order — syntax (an address without a domain qualified with the
 * Domain_For_Unqualified_* domain, if any), the session's policy, relay control, the limits per message and per
 * session — and the counts the per-session limits need. The session owns the state around them (greeting, TLS,
 * closing); this decides what each envelope command is answered.
 */
final class EnvelopeCommands {

    private SmtpSettings settings;
    private final Transaction transaction;
    private int receptions;
    private int recipientsInSession;

    EnvelopeCommands(SmtpSettings settings, Transaction transaction) {
        this.settings = settings;
        this.transaction = transaction;
    }

    /** XCLIENT, XREMOTEIP: the session serves another client, with its own rules; the counts go on. */
    void settings(SmtpSettings next) {
        settings = next;
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
        boolean ascii = isAscii(argument);
        PathArgument path = parse(argument, "FROM");
        if (path == null) {
            return Replies.MAIL_SYNTAX;
        }
        if (path.isUnqualified()) {
            // <postmaster> is special for RCPT only; as a sender it is as unqualified as any other local part
            String domain = settings.policy().unqualifiedSenderDomain();
            if (domain == null) {
                return Replies.MAIL_SYNTAX;
            }
            path = path.qualifiedWith(domain);
        }
        if (!ascii && !(path.parameters().containsKey("SMTPUTF8")
                && settings.policy().offers(SmtpExtension.SMTPUTF8))) {
            return Replies.NON_ASCII_ADDRESS;
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
        return rcpt(argument, authenticated, false);
    }

    /** As above; {@code verifiedPeer}: the client's certificate verified (TLS_Verified_Peer_Can_Relay). */
    Reply rcpt(String argument, boolean authenticated, boolean verifiedPeer) {
        Recipient recipient = recipient(argument, authenticated, verifiedPeer);
        return recipient.refusal() != null ? recipient.refusal() : accept(recipient.mailbox());
    }

    /**
     * A recipient the session's own checks passed ({@code refusal} null), or their refusal. Nothing is counted or
     * added yet: {@link #accept} does that, at once or after the MDB's check.
     */
    record Recipient(String mailbox, Reply refusal) {
    }

    /** RCPT TO through the session's own checks: syntax, policy, relay control, the recipient limits. */
    Recipient recipient(String argument, boolean authenticated, boolean verifiedPeer) {
        if (!transaction.hasSender()) {
            return refused(Replies.RCPT_WITHOUT_MAIL);
        }
        PathArgument path = parse(argument, "TO");
        if (path == null || path.isNullPath()) {
            return refused(Replies.RCPT_SYNTAX);
        }
        if (path.isUnqualified()) {
            // Qualified here, so relay control, the limits, the MDB's check and the envelope all see one address.
            // Without a domain only <postmaster> is taken as written (RFC 5321 section 4.5.1).
            String domain = settings.policy().unqualifiedRecipientDomain();
            if (domain != null) {
                path = path.qualifiedWith(domain);
            } else if (!path.isPostmaster()) {
                return refused(Replies.RCPT_SYNTAX);
            }
        }
        if (!isAscii(argument) && !transaction.smtpUtf8()) {
            return refused(Replies.NON_ASCII_ADDRESS);
        }
        if (!path.parameters().isEmpty()) {
            return refused(Replies.UNSUPPORTED_RCPT_PARAMETER);
        }
        if (path.hasAddressLiteral() && !settings.policy().allowIpLiteral()) {
            return refused(Replies.ADDRESS_LITERAL_REFUSED);
        }
        if (!settings.policy().relay().allows(transaction.sender(), path.mailbox(), authenticated, verifiedPeer)) {
            return refused(Replies.RELAYING_DENIED);
        }
        int max = settings.maxRecipientsPerMessage();
        if (max > 0 && transaction.recipients().size() >= max) {
            return refused(Replies.TOO_MANY_RECIPIENTS);
        }
        int maxInSession = settings.policy().maxRecipientsPerConnection();
        if (maxInSession > 0 && recipientsInSession >= maxInSession) {
            return refused(Replies.TOO_MANY_RECIPIENTS_PER_CONNECTION);
        }
        return new Recipient(path.mailbox(), null);
    }

    /** Takes a recipient {@link #recipient} passed: it counts, and joins the transaction. */
    Reply accept(String mailbox) {
        recipientsInSession++;
        transaction.addRecipient(mailbox);
        return Replies.RCPT_ACCEPTED;
    }

    private static Recipient refused(Reply refusal) {
        return new Recipient(null, refusal);
    }

    /**
     * The path and parameters of MAIL or RCPT. A line holds one char per octet; one with octets over 127 is read as
     * the UTF-8 of RFC 6531, and whether the transaction may have it is the caller's decision. Null if malformed.
     */
    private static PathArgument parse(String argument, String keyword) {
        if (isAscii(argument)) {
            return PathArgument.parse(argument, keyword);
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(argument.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
            return PathArgument.parse(decoded, keyword, true);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
