package org.mtalistener.delivery;

import java.util.concurrent.CompletionStage;
import org.mtalistener.api.RecipientCheck;

/** Asks the MDB about one recipient at RCPT time ({@code MailListener.checkRecipient}, Recipient_Check). */
public interface RecipientChecker {

    /**
     * Checks one recipient. Never blocks the caller: the returned stage completes later, on a delivery thread, once
     * the endpoint's call has ended (or could not start).
     */
    CompletionStage<RecipientVerdict> check(RecipientCheck recipient);
}
