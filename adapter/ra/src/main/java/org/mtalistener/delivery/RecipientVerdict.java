package org.mtalistener.delivery;

/** What the MDB's recipient check said about one recipient; the SMTP session turns it into the RCPT TO reply. */
public sealed interface RecipientVerdict {

    /** The check returned (and its transaction, if it had one, committed): the recipient is taken. */
    record Accepted() implements RecipientVerdict {
    }

    /** The MDB refused the recipient with a reply of its own choosing. */
    record Refused(int code, String enhancedCode, String text) implements RecipientVerdict {
    }

    /** The check could not say: the client is to try this recipient again later. The reason is for the log. */
    record Failed(String reason) implements RecipientVerdict {
    }
}
