package org.mtalistener.smtp;

import java.util.logging.Logger;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.log.ClientText;

/**
 * The command lines of a session: each is parsed, checked against the session's policy (Require_EHLO, trailing
 * whitespace) and run by the part it belongs to; EHLO, HELO, MAIL, RSET and QUIT are run here.
 */
final class SmtpCommands {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    /** The session, which makes each of its parts when a command first needs it. */
    private final SmtpSession session;
    /** The line being run. */
    private String line = "";

    SmtpCommands(SmtpSession session) {
        this.session = session;
    }

    /** Runs one command line. */
    void run(String line) {
        this.line = line;
        SmtpCommand command = SmtpCommand.parse(policy().allowTrailingWhitespace() ? loosened(line) : line);
        String argument = command.argument();
        // An AUTH initial response is a password in base64: the log gets the mechanism only.
        LOG.fine(() -> session.name() + " <<< " + (command.verb() == SmtpCommand.Verb.AUTH
                ? "AUTH " + ClientText.escaped(argument.split(" ", 2)[0]) + (argument.contains(" ") ? " ****" : "")
                : ClientText.escaped(line)));
        if (policy().requireEhlo() && !session.hello().given() && needsHello(command.verb())) {
            session.reply(Replies.HELO_NEEDED);
            return;
        }
        switch (command.verb()) {
            case EHLO -> hello(argument, true);
            case HELO -> hello(argument, false);
            case MAIL -> mail(argument);
            case RCPT -> rcpt(argument);
            case DATA -> session.content().data(argument);
            case BDAT -> {
                if (offers(SmtpExtension.CHUNKING)) {
                    session.content().bdat(argument);
                } else {
                    session.reply(Replies.UNRECOGNIZED_COMMAND);
                }
            }
            case RSET -> rset(argument);
            case NOOP -> session.reply(Replies.OK);
            case QUIT -> quit(argument);
            case VRFY -> session.reply(argument.isEmpty() ? Replies.VRFY_ARGUMENT_MISSING : Replies.CANNOT_VRFY);
            case HELP -> session.reply(Replies.HELP);
            case STARTTLS -> session.startTls().command(argument);
            case AUTH -> session.auth().auth(argument, session.hello().extended(), session.tls() != null,
                    session.transaction().hasSender());
            case INVALID -> session.reply(Replies.INVALID_CHARACTERS);
            case XCLIENT, XREMOTEIP, XDUMPCONTEXT, XSETCONTEXT ->
                    session.trustedPeer().command(command.verb(), argument, session.transaction().hasSender(),
                            session.user(), session.tls() != null);
            case UNKNOWN -> session.reply(Replies.UNRECOGNIZED_COMMAND);
        }
    }

    private static boolean needsHello(SmtpCommand.Verb verb) {
        return verb == SmtpCommand.Verb.MAIL || verb == SmtpCommand.Verb.RCPT || verb == SmtpCommand.Verb.DATA
                || verb == SmtpCommand.Verb.VRFY;
    }

    /** Allow_Trailing_Whitespace_In_Commands: {@code RCPT TO:< user@example.com > } reads as if written tight. */
    private static String loosened(String line) {
        return line.strip().replaceAll("<\\s+", "<").replaceAll("\\s+>", ">");
    }

    private SmtpSettings settings() {
        return session.settings();
    }

    private SmtpPolicy policy() {
        return session.settings().policy();
    }

    private boolean offers(SmtpExtension extension) {
        return policy().offers(extension);
    }

    private void hello(String name, boolean extended) {
        // The name goes into the Received header: one token of printable ASCII keeps that header intact.
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            session.reply(extended ? Replies.INVALID_EHLO : Replies.INVALID_HELO);
            return;
        }
        session.transaction().reset();
        session.hello().took(line, name, extended);
        String host = settings().bannerHostname();
        String client = ReceivedHeader.hostAddress(session.client());
        session.reply(extended ? Replies.ehlo(host, client, settings().maxMessageSize(), session.startTlsOffered(),
                session.authOffered(session.tls() != null), session.enhancedCodes(),
                TrustedPeerCommands.extensions(session.connectionSettings(), policy().extensions()))
                : Replies.helo(host, client));
    }

    private void mail(String argument) {
        if (session.hello().needed()) {
            session.reply(Replies.HELLO_FIRST);
        } else if (!session.transaction().hasSender() && session.envelope().receptionsExhausted()) {
            session.closeWith(Replies.tooManyMessages(settings().bannerHostname()));
        } else {
            session.reply(session.envelope().mail(argument, session.user() != null));
        }
    }

    /** RCPT TO: the session's own checks, then (Recipient_Check) the MDB's, whose reply comes later. */
    private void rcpt(String argument) {
        if (session.transaction().chunked()) {
            session.reply(Replies.RCPT_AFTER_BDAT);
            return;
        }
        EnvelopeCommands.Recipient recipient = session.envelope().recipient(argument, session.user() != null,
                session.tls() != null && session.tls().clientSubject() != null);
        if (recipient.refusal() != null) {
            session.reply(recipient.refusal());
        } else if (session.checksRecipients()) {
            session.rcptCheck().check(recipient.mailbox());
        } else {
            session.reply(session.envelope().accept(recipient.mailbox()));
        }
    }

    private void rset(String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.RSET_ARGUMENTS);
            return;
        }
        session.transaction().reset();
        session.reply(Replies.OK);
    }

    private void quit(String argument) {
        if (!argument.isEmpty()) {
            session.reply(Replies.NO_PARAMETERS_ALLOWED);
            return;
        }
        session.closeWith(Replies.closing(settings().bannerHostname()));
    }
}
