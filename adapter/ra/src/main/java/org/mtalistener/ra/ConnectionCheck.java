package org.mtalistener.ra;

import io.netty.channel.Channel;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ConnectionChecker;
import org.mtalistener.delivery.RecipientVerdict;
import org.mtalistener.mail.Reply;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.smtp.Replies;
import org.mtalistener.smtp.SmtpProtocol;

/**
 * Connection_Check: a new ESMTP connection goes to the MDB's {@code checkConnection} before its session begins. The
 * connection reads nothing meanwhile; the verdict comes back to the event loop, where the session begins with its
 * banner, or the MDB's reply (421 4.3.0 when it had none) is the only thing the client hears.
 */
final class ConnectionCheck {

    private static final Logger LOG = Logger.getLogger(ConnectionCheck.class.getName());

    private final String listener;
    private final ConnectionChecker checker;
    private final SmtpProtocol smtp;

    ConnectionCheck(String listener, ConnectionChecker checker, SmtpProtocol smtp) {
        this.listener = listener;
        this.checker = checker;
        this.smtp = smtp;
    }

    /** Asks about {@code channel}'s client; runs {@code serve} on the event loop once the MDB accepted it. */
    void admit(Channel channel, ClientSettings.Client client, Runnable serve) {
        channel.config().setAutoRead(false);
        SessionInfo connection = new SessionInfo(listener, Protocol.ESMTP, channel.localAddress(),
                ClientAddress.of(channel), null, null, client.smtp().context());
        checker.check(connection).whenComplete((verdict, failure) -> channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return; // the client left while the MDB looked
            }
            if (verdict instanceof RecipientVerdict.Accepted) {
                channel.config().setAutoRead(true);
                serve.run();
                return;
            }
            Reply reply;
            if (verdict instanceof RecipientVerdict.Refused refused) {
                reply = Replies.rejected(refused.code(), refused.enhancedCode(), refused.text());
                LOG.info(() -> listener + ": " + connection.remoteAddress() + " refused by the MDB at connect: "
                        + reply);
            } else {
                reply = Replies.CONNECTION_CHECK_FAILED;
                LOG.log(Level.WARNING, listener + ": connection from " + connection.remoteAddress()
                        + " not checked (" + (failure != null ? "no verdict" : verdict) + "); told the client to "
                        + "try again", failure);
            }
            smtp.refuse(channel, reply);
        }));
    }
}
