package org.mtalistener.smtp;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.ReceivingSession;
import org.mtalistener.mail.Reply;

/**
 * The session as its parts ({@link SmtpCommands}, {@link EnvelopeCommands}' callers, {@link ContentCommands},
 * {@link RcptCheck}, {@link AuthExchange}, {@link StartTls}, {@link TrustedPeerCommands}) see it: what they say to
 * the client, the state they share, the waits for the MDB, and who the client is. Everything runs on the event loop.
 */
interface SessionPort extends ReceivingSession {

    // --- what the client is told

    /** Writes a reply; the session flushes once the read is complete, or at the end of the event loop's turn. */
    void reply(Reply reply);

    /** Flushes the replies written, now (nothing if there are none): before a wait, and STARTTLS's 220 before TLS. */
    void flush();

    /** Whether replies carry enhanced status codes: ENHANCEDSTATUSCODES is offered (SMTP_Extensions). */
    boolean enhancedCodes();

    /** Sends a last reply and closes; a message still being received is dropped, never acknowledged. */
    void closeWith(Reply last);

    /** Ends the session at once, without a reply: nothing more is read or answered. */
    void abandon();

    // --- the state the parts share

    SmtpSettings settings();

    SmtpSession.State state();

    void enter(SmtpSession.State next);

    /**
     * A delivered message's reply: the session reads commands again (or closes, if the listener is closing);
     * {@code accepted} counts it for Max_Receptions_Per_Connection.
     */
    void answered(Reply reply, boolean accepted);

    /**
     * The reply the session waited for the MDB for (a delivery's, a recipient check's): it reads commands again,
     * the ones that came meanwhile first (or closes, if the listener is closing).
     */
    void resume(Reply reply);

    // --- who the client is, and the session's course

    /** The session as the MDB sees it. */
    SessionInfo sessionInfo();

    ClientHello hello();

    /** The client's host name, as XCLIENT's NAME gave it; null if unknown. */
    String clientName();

    /** The TLS the session runs over; null in plain text. */
    SessionInfo.Tls tls();

    /** The client's address: the socket's peer, or the one a PROXY header, XCLIENT or XREMOTEIP named. */
    SocketAddress client();

    /** XCLIENT, XREMOTEIP: the session serves {@code client} from now on. */
    void serve(SocketAddress client);

    /** The address the client connected to, as the socket has it. */
    SocketAddress socketLocalAddress();

    /** STARTTLS and the handshake: the TLS handler goes into this channel's pipeline. */
    Channel channel();

    /** The greeting, unless it was said (or waits for an implicit-TLS handshake). */
    void greet();

    /** XREMOTEIP: from now on the session follows {@code next}, the settings of the client it serves now. */
    void become(SmtpSettings next);

    /**
     * XCLIENT: the session starts again as the client named, as a new connection would: the greeting, EHLO or HELO
     * first. {@code login}: the user that client authenticated as; null to keep the present one, empty for none.
     */
    void restart(SmtpSettings next, String login);

    /** After STARTTLS: no transaction, no authentication, EHLO or HELO again (RFC 3207 section 4.2). */
    void startAfresh();
}
