package org.mtalistener.smtp;

import java.util.List;
import java.util.logging.Logger;
import org.mtalistener.mail.Reply;

/**
 * The session's side of SMTP AUTH: when AUTH may be given, the lines that answer its challenges, and the end of a
 * session that used up its attempts. {@link AuthCommand} decides each reply; this puts it on the wire.
 */
final class AuthExchange {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private final SessionPort session;
    private AuthCommand command;

    AuthExchange(SessionPort session, AuthCommand command) {
        this.session = session;
        this.command = command;
    }

    /** The authenticated user; null until AUTH succeeded (or anonymous under Always_Allow). */
    String user() {
        return command.user();
    }

    /** Whether the next line answers a 334 challenge rather than being a command. */
    boolean inProgress() {
        return command.inProgress();
    }

    List<String> offered(boolean tls) {
        return command.offered(tls);
    }

    void reset() {
        command.reset();
    }

    /**
     * XCLIENT: AUTH as the named client's settings have it, and {@code user} as the authenticated user (null: none).
     */
    void restart(AuthCommand next, String user) {
        command = next;
        command.assume(user);
    }

    /** {@code AUTH mechanism [initial-response]}; {@code helloDone}: the session's EHLO stands. */
    void auth(String argument, boolean helloDone, boolean tls, boolean inTransaction) {
        if (!helloDone) {
            session.reply(Replies.AUTH_NEEDS_EHLO);
            return;
        }
        replied(command.auth(argument, tls, inTransaction));
    }

    /** A line answering a 334 challenge: never run as a command, never logged (it holds a password). */
    void response(String line) {
        LOG.fine(() -> session.name() + " <<< (AUTH response)");
        replied(command.respond(line));
    }

    private void replied(Reply reply) {
        if (command.exhausted()) {
            LOG.info(() -> session.name() + ": " + AuthCommand.MAX_FAILURES + " failed AUTH attempts, closing");
            session.closeWith(reply);
            return;
        }
        if (reply == Replies.AUTH_SUCCEEDED) {
            LOG.fine(() -> session.name() + ": authenticated as " + command.user());
        }
        session.reply(reply);
    }
}
