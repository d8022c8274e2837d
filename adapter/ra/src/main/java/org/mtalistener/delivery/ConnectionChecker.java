package org.mtalistener.delivery;

import java.util.concurrent.CompletionStage;
import org.mtalistener.api.SessionInfo;

/** Asks the MDB about a new connection before its banner ({@code MailListener.checkConnection}, Connection_Check). */
public interface ConnectionChecker {

    /**
     * Checks one connection. Never blocks the caller: the returned stage completes later, on a delivery thread, once
     * the endpoint's call has ended (or could not start).
     */
    CompletionStage<RecipientVerdict> check(SessionInfo connection);
}
