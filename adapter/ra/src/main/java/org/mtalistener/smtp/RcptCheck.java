package org.mtalistener.smtp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.delivery.RecipientChecker;
import org.mtalistener.delivery.RecipientVerdict;
import org.mtalistener.mail.Reply;
import org.mtalistener.log.ClientText;

/**
 * Recipient_Check: a recipient the session's own checks passed goes to the MDB's {@code checkRecipient} before its
 * RCPT TO is answered. The check runs on a delivery thread; the session reads nothing meanwhile (pipelined commands
 * after the RCPT wait in the decoder and are answered in order once its reply is out), and its idle timer does not
 * count the wait against the client.
 *
 * <p>Runs on the event loop like the session; the verdict comes back to the loop.
 */
final class RcptCheck {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private final SessionPort session;
    private final Transaction transaction;
    private final EnvelopeCommands envelope;
    private final RecipientChecker checker;

    RcptCheck(SessionPort session, Transaction transaction, EnvelopeCommands envelope, RecipientChecker checker) {
        this.session = session;
        this.transaction = transaction;
        this.envelope = envelope;
        this.checker = checker;
    }

    /** Puts {@code mailbox} to the MDB; its RCPT TO is answered when the verdict is back. */
    void check(String mailbox) {
        RecipientCheck question = new RecipientCheck(mailbox, transaction.envelope(), session.sessionInfo());
        session.enter(SmtpSession.State.CHECKING);
        session.updateReading();
        // The replies before it leave now: the MDB call may be made on this thread, before the read is complete.
        session.flush();
        CompletionStage<RecipientVerdict> verdict;
        try {
            verdict = checker.check(question);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        // The stage completes on a delivery thread; the session's state belongs to the event loop.
        verdict.whenComplete((said, failure) -> session.onEventLoop(() -> checked(mailbox, said, failure)));
    }

    private void checked(String mailbox, RecipientVerdict verdict, Throwable failure) {
        if (session.closed()) {
            return; // the client left (or the session closed) while the MDB looked
        }
        Reply reply;
        if (verdict instanceof RecipientVerdict.Accepted) {
            reply = envelope.accept(mailbox);
        } else if (verdict instanceof RecipientVerdict.Refused refused) {
            reply = Replies.rejected(refused.code(), refused.enhancedCode(), refused.text());
            LOG.fine(() -> session.name() + ": recipient " + ClientText.quoted(mailbox) + " refused by the MDB: " + reply);
        } else {
            LOG.log(failure != null ? Level.WARNING : Level.FINE, session.name() + ": recipient " + ClientText.quoted(mailbox)
                    + " not checked (" + (failure != null ? "no verdict" : verdict) + "); told the client to try "
                    + "again", failure);
            reply = Replies.RECIPIENT_CHECK_FAILED;
        }
        session.resume(reply);
    }
}
