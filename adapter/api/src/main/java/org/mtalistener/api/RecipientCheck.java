package org.mtalistener.api;

/**
 * One recipient a client named with {@code RCPT TO}, as {@link MailListener#checkRecipient} sees it: the listener's
 * own checks (syntax, relay control, the recipient limits) have passed it already.
 *
 * @param recipient the forward path without angle brackets, e.g. {@code user@example.com} (decoded from UTF-8 when
 *                  the transaction is internationalized)
 * @param envelope  the transaction so far: the sender, the recipients accepted before this one (in order), the
 *                  parameters of {@code MAIL FROM}
 * @param session   the session the transaction is on
 */
public record RecipientCheck(String recipient, Envelope envelope, SessionInfo session) {

    /** The domain of the recipient: what follows its last {@code @}; empty for a recipient without one. */
    public String domain() {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? "" : recipient.substring(at + 1);
    }
}
