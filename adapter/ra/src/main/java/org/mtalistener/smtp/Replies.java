package org.mtalistener.smtp;

import java.util.List;
import java.util.Set;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.mail.DeliveryReplies;
import org.mtalistener.mail.ReceivedHeader;
import org.mtalistener.mail.Reply;

/**
 * Every reply the SMTP session sends. Texts follow Momentum's (ecelerity's) where its documentation shows them;
 * replies with a variable part are built by the factory methods beside the constants.
 */
public final class Replies {

    // --- positive replies

    public static final Reply OK = new Reply(250, "2.0.0", "OK");
    public static final Reply MAIL_ACCEPTED = new Reply(250, "2.1.0", "MAIL FROM accepted");
    public static final Reply RCPT_ACCEPTED = new Reply(250, "2.1.5", "RCPT TO accepted");
    /** Momentum's text, backslashes and all; RFC 2034 gives 3xx replies no enhanced code. */
    public static final Reply START_DATA = new Reply(354, null, "continue.  finished with \"\\r\\n.\\r\\n\"");
    public static final Reply CANNOT_VRFY =
            new Reply(252, "2.5.0", "cannot VRFY user, but will accept message and attempt delivery");
    public static final Reply HELP = new Reply(214, "2.0.0", List.of(
            "commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP",
            "end of HELP"));

    public static final Reply READY_TO_START_TLS = new Reply(220, "2.0.0", "Ready to start TLS");

    // --- syntax errors

    public static final Reply UNRECOGNIZED_COMMAND = new Reply(500, "5.5.2", "unrecognized command");
    public static final Reply LINE_TOO_LONG = new Reply(500, "5.5.2", "line too long");
    public static final Reply INVALID_CHARACTERS = new Reply(500, "5.5.2", "invalid characters in command");
    public static final Reply MAIL_SYNTAX = new Reply(501, "5.5.2", "MAIL FROM syntax error");
    public static final Reply RCPT_SYNTAX = new Reply(501, "5.5.2", "RCPT TO syntax error");
    public static final Reply INVALID_EHLO = new Reply(501, "5.5.2", "invalid EHLO");
    public static final Reply INVALID_HELO = new Reply(501, "5.5.2", "invalid HELO");
    public static final Reply RSET_ARGUMENTS = new Reply(501, "5.5.4", "invalid arguments to RSET");
    public static final Reply DATA_ARGUMENT = new Reply(501, "5.5.4", "unexpected argument to DATA");
    public static final Reply NO_PARAMETERS_ALLOWED = new Reply(501, "5.5.4", "Syntax error (no parameters allowed)");
    public static final Reply VRFY_ARGUMENT_MISSING = new Reply(501, "5.5.4", "missing argument to VRFY");
    public static final Reply INVALID_SIZE = new Reply(501, "5.5.4", "invalid SIZE parameter");
    public static final Reply INVALID_BODY = new Reply(501, "5.5.4", "invalid BODY parameter");
    public static final Reply INVALID_SMTPUTF8 = new Reply(501, "5.5.4", "invalid SMTPUTF8 parameter");
    public static final Reply UNSUPPORTED_MAIL_PARAMETER = new Reply(555, "5.5.4", "unsupported MAIL FROM parameter");
    public static final Reply UNSUPPORTED_RCPT_PARAMETER = new Reply(555, "5.5.4", "unsupported RCPT TO parameter");
    /** BDAT without a chunk size one can read: its chunk cannot be skipped, what follows is read as commands. */
    public static final Reply BDAT_SYNTAX = new Reply(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");

    // --- commands out of sequence (Momentum answers the first with 501; 503 is what RFC 5321 means for it)

    public static final Reply MAIL_ALREADY_ESTABLISHED = new Reply(503, "5.5.1", "MAIL FROM already established");
    public static final Reply RCPT_WITHOUT_MAIL = new Reply(503, "5.5.1", "RCPT TO without MAIL FROM");
    public static final Reply DATA_WITHOUT_MAIL = new Reply(503, "5.5.1", "DATA without MAIL FROM");
    public static final Reply DATA_WITHOUT_RCPT = new Reply(503, "5.5.1", "DATA without RCPT TO");
    /** RFC 3030: the chunk of a BDAT out of sequence is read and thrown away, so the session stays in step. */
    public static final Reply BDAT_WITHOUT_MAIL = new Reply(503, "5.5.1", "BDAT without MAIL FROM");
    public static final Reply BDAT_WITHOUT_RCPT = new Reply(503, "5.5.1", "BDAT without RCPT TO");
    /** RFC 3030 section 3: DATA and BDAT do not mix in one transaction. */
    public static final Reply DATA_AFTER_BDAT = new Reply(503, "5.5.1", "DATA not allowed after BDAT");
    /** RFC 3030 section 3: BODY=BINARYMIME content comes with BDAT only. */
    public static final Reply DATA_WITH_BINARYMIME = new Reply(503, "5.5.1", "BODY=BINARYMIME requires BDAT");
    /** The recipients are in the Received header the first chunk began with. */
    public static final Reply RCPT_AFTER_BDAT = new Reply(503, "5.5.1", "RCPT TO not allowed after BDAT");
    /** XCLIENT and XREMOTEIP change who the client is: not in the middle of a transaction (Postfix's text). */
    public static final Reply IN_TRANSACTION = new Reply(503, "5.5.1", "Error: MAIL transaction in progress");
    /** After STARTTLS the client starts afresh (RFC 3207 section 4.2). */
    public static final Reply HELLO_FIRST = new Reply(503, "5.5.1", "EHLO or HELO first");
    public static final Reply TLS_ALREADY_ACTIVE = new Reply(503, "5.5.1", "TLS already active");

    // --- the trusted peers' commands (XCLIENT as Postfix answers it)

    public static final Reply XCLIENT_SYNTAX = new Reply(501, "5.5.4", "Syntax: XCLIENT attribute=value...");
    public static final Reply XREMOTEIP_SYNTAX = new Reply(501, "5.5.4", "Syntax: XREMOTEIP address");
    public static final Reply XSETCONTEXT_SYNTAX = new Reply(501, "5.5.4", "Syntax: XSETCONTEXT name=value...");
    public static final Reply CONTEXT_SET = new Reply(250, "2.0.0", "XSETCONTEXT complete");

    // --- TLS

    public static final Reply TLS_NOT_AVAILABLE = new Reply(454, "4.7.0", "TLS not available");
    /** Momentum's text; sent in plain text, when the client can still read one, before the connection closes. */
    public static final Reply TLS_NEGOTIATION_FAILED = new Reply(421, "4.7.0", "TLS Negotiation failed");

    // --- AUTH (RFC 4954)

    public static final Reply AUTH_SUCCEEDED = new Reply(235, "2.7.0", "Authentication successful");
    public static final Reply AUTH_INVALID = new Reply(535, "5.7.8", "Authentication credentials invalid");
    public static final Reply AUTH_CANCELLED = new Reply(501, "5.7.0", "Authentication cancelled");
    public static final Reply AUTH_MALFORMED = new Reply(501, "5.5.2", "Cannot decode response");
    public static final Reply AUTH_MECHANISM_MISSING = new Reply(501, "5.5.4", "AUTH needs a mechanism");
    public static final Reply AUTH_NOT_AVAILABLE = new Reply(502, "5.5.1", "AUTH not available");
    public static final Reply AUTH_NEEDS_EHLO = new Reply(503, "5.5.1", "EHLO first");
    public static final Reply ALREADY_AUTHENTICATED = new Reply(503, "5.5.1", "Already authenticated");
    public static final Reply AUTH_IN_TRANSACTION =
            new Reply(503, "5.5.1", "AUTH not permitted during a mail transaction");
    public static final Reply UNKNOWN_MECHANISM = new Reply(504, "5.5.4", "Unrecognized authentication type");
    public static final Reply ENCRYPTION_REQUIRED =
            new Reply(538, "5.7.11", "Encryption required for requested authentication mechanism");
    /** Enable_Authentication: MAIL before AUTH. */
    public static final Reply AUTH_REQUIRED = new Reply(530, "5.7.0", "Authentication required");

    // --- limits and failures

    public static final Reply SIZE_EXCEEDS_MAXIMUM =
            new Reply(552, "5.3.4", "message size exceeds fixed maximum message size");
    public static final Reply MESSAGE_TOO_LARGE = DeliveryReplies.MESSAGE_TOO_LARGE;
    public static final Reply TOO_MANY_RECIPIENTS =
            new Reply(452, "4.5.3", "Service unavailable, recipients per message limit reached");
    public static final Reply TOO_MANY_RECIPIENTS_PER_CONNECTION =
            new Reply(452, "4.5.3", "Service unavailable, recipients per connection limit reached");
    /** Listener_Sessions / Service_Sessions reached: the only reply such a connection gets. */
    public static final Reply CONCURRENCY_LIMIT =
            new Reply(421, "4.4.5", "Service unavailable, concurrency limit reached");
    /** Max_Sessions_Per_Client (Postfix: "too many connections from" the address). */
    public static final Reply TOO_MANY_FROM_CLIENT =
            new Reply(421, "4.7.0", "Error: too many connections from your address");

    /** Connection_Check: the MDB's check of a new connection did not end in acceptance or a reply of its choosing. */
    public static final Reply CONNECTION_CHECK_FAILED =
            new Reply(421, "4.3.0", "Temporary failure, try again later");

    /** Reject_Connections: the client is refused before any banner (Cisco's HAT REJECT), with the option's text. */
    public static Reply connectionRejected(String text) {
        return new Reply(554, "5.7.1", text);
    }

    // --- policy (Require_EHLO, Allow_Null_Envelope_Sender, Allow_IP_Literal)

    public static final Reply HELO_NEEDED = new Reply(550, "5.5.1", "RFC2821 HELO/EHLO needed");
    public static final Reply NULL_SENDER_REFUSED = new Reply(550, "5.7.1", "null envelope sender not allowed");
    public static final Reply ADDRESS_LITERAL_REFUSED = new Reply(550, "5.7.1", "address literals not allowed");
    public static final Reply RELAYING_DENIED = new Reply(550, "5.7.1", "relaying denied");
    /** RFC 6531 section 3.5: a non-ASCII address in a transaction whose MAIL FROM did not say SMTPUTF8. */
    public static final Reply NON_ASCII_ADDRESS =
            new Reply(553, "5.6.7", "Non-ASCII addresses not permitted for that sender/recipient");

    /** Any delivery that did not end in acceptance or a reply of the endpoint's choosing. */
    public static final Reply TRANSACTION_FAILED = DeliveryReplies.TRANSACTION_FAILED;
    /**
     * Recipient_Check: the MDB's check of a recipient did not end in acceptance or a reply of its choosing; the
     * client may try this recipient again later, the transaction goes on.
     */
    public static final Reply RECIPIENT_CHECK_FAILED =
            new Reply(451, "4.3.0", "recipient check failed, try again later");

    private Replies() {
    }

    /** Max_Receptions_Per_Connection reached: the session ends. */
    public static Reply tooManyMessages(String host) {
        return new Reply(421, "4.7.0", host + " too many messages in this session, closing connection");
    }

    /** Static_Banner: the greeting as written, after its {@code 220 }. */
    public static Reply staticGreeting(String banner) {
        return new Reply(220, null, banner.substring(4));
    }

    public static Reply greeting(String host, String date) {
        return new Reply(220, null, host + " ESMTP " + ReceivedHeader.PRODUCT + " " + date);
    }

    /**
     * The EHLO reply, without enhanced codes (RFC 2034): the fixed extensions, ENHANCEDSTATUSCODES when
     * {@code enhancedStatusCodes}, the further {@code extensions} offered, then AUTH with the SASL mechanisms
     * {@code auth} (none: no AUTH line) and STARTTLS last when {@code startTls} (as Momentum lists them).
     */
    public static Reply ehlo(String host, String clientAddress, long maxMessageSize, boolean startTls,
                             List<String> auth, boolean enhancedStatusCodes, Set<SmtpExtension> extensions) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                host + " says EHLO to " + clientAddress,
                "PIPELINING",
                "8BITMIME",
                maxMessageSize > 0 ? "SIZE " + maxMessageSize : "SIZE"));
        if (enhancedStatusCodes) {
            lines.add("ENHANCEDSTATUSCODES");
        }
        for (SmtpExtension extension : SmtpExtension.values()) {
            if (extensions.contains(extension)) {
                lines.add(extension == SmtpExtension.XCLIENT ? "XCLIENT " + String.join(" ", XCLIENT_ATTRIBUTES)
                        : extension.name());
            }
        }
        if (!auth.isEmpty()) {
            lines.add("AUTH " + String.join(" ", auth));
        }
        if (startTls) {
            lines.add("STARTTLS");
        }
        return new Reply(250, null, lines);
    }

    /** The XCLIENT attributes the session takes, as its EHLO line lists them (Postfix's). */
    public static final List<String> XCLIENT_ATTRIBUTES =
            List.of("NAME", "ADDR", "PORT", "PROTO", "HELO", "LOGIN", "DESTADDR", "DESTPORT");

    public static Reply xclientBadAttribute(String name) {
        return new Reply(501, "5.5.4", "Bad XCLIENT attribute name: " + name);
    }

    public static Reply xclientBadValue(String attribute) {
        return new Reply(501, "5.5.4", "Bad " + attribute + " syntax");
    }

    /** XREMOTEIP taken: the client is now {@code address}. */
    public static Reply remoteAddress(String address) {
        return new Reply(250, "2.0.0", "remote address is now " + address);
    }

    /**
     * XDUMPCONTEXT's reply as Momentum's transcript shows it: one {@code [connection] name value} line each, then
     * {@code XDUMPCONTEXT complete}, no enhanced codes.
     */
    public static Reply contextDump(List<String> entries) {
        List<String> lines = new java.util.ArrayList<>(entries);
        lines.add("XDUMPCONTEXT complete");
        return new Reply(250, null, lines);
    }

    /** A BDAT chunk without LAST was taken (RFC 3030). */
    public static Reply chunkReceived(long octets) {
        return new Reply(250, "2.0.0", octets + " octets received");
    }

    /** An AUTH challenge (RFC 4954): the base64 text, without enhanced code. */
    public static Reply authChallenge(String base64) {
        return new Reply(334, null, base64);
    }

    /** The last of the failed AUTH attempts a session may make: the session ends. */
    public static Reply tooManyAuthFailures(String host) {
        return new Reply(421, "4.7.0", host + " too many failed authentication attempts, closing connection");
    }

    /**
     * STARTTLS with input after it (CVE-2011-0411) under {@code Starttls_Injection_Policy = reject}: refused, and
     * the connection closed.
     */
    public static Reply startTlsInjection(String host) {
        return new Reply(421, "4.7.0", host + " STARTTLS refused: commands were pipelined after it, closing "
                + "connection");
    }

    public static Reply helo(String host, String clientAddress) {
        return new Reply(250, null, host + " says HELO to " + clientAddress);
    }

    public static Reply closing(String host) {
        return new Reply(221, "2.0.0", host + " closing connection");
    }

    public static Reply idleTimeout(String host) {
        return new Reply(421, "4.4.2", host + " idle timeout exceeded, closing connection");
    }

    /** Bare_Newline_Policy = reject: a message with a bare CR, LF or NUL (Postfix: "bare <LF> received"). */
    public static final Reply BARE_NEWLINE_IN_MESSAGE =
            new Reply(550, "5.5.2", "Error: bare <CR>, <LF> or NUL received in the message");

    /** Bare_Newline_Policy = reject: a command line ended by a bare LF or holding a CR; the connection closes. */
    public static Reply bareNewlineInCommand(String host) {
        return new Reply(521, "5.5.2", host + " Error: bare <CR> or <LF> received");
    }

    /** A command line, or a message's content, that came in slower than the listener allows. */
    public static Reply tooSlow(String host) {
        return new Reply(421, "4.4.2", host + " request too slow, closing connection");
    }

    public static Reply shuttingDown(String host) {
        return new Reply(421, "4.3.2", host + " service shutting down");
    }

    /** The reply for a finished delivery, as {@link DeliveryReplies#forOutcome} gives it to every protocol. */
    public static Reply forOutcome(String queueId, DeliveryOutcome outcome) {
        return DeliveryReplies.forOutcome(queueId, outcome);
    }

    /** The endpoint's own refusal, tamed as {@link DeliveryReplies#rejected} tames it. */
    public static Reply rejected(int code, String enhancedCode, String text) {
        return DeliveryReplies.rejected(code, enhancedCode, text);
    }
}
