package org.mtalistener.smtp;

import java.util.EnumSet;
import java.util.Set;

/**
 * The extensions a session offers beyond the ones every session has (PIPELINING, 8BITMIME, SIZE) and the ones its
 * other settings decide (ENHANCEDSTATUSCODES, STARTTLS, AUTH). Each is offered per client, as SMTP_Extensions says.
 */
public enum SmtpExtension {
    /** RFC 3030: BDAT, content in counted chunks. */
    CHUNKING,
    /** RFC 3030: {@code BODY=BINARYMIME}, with BDAT only; offered together with CHUNKING. */
    BINARYMIME,
    /** RFC 6531: UTF-8 in the addresses of a transaction whose MAIL FROM says {@code SMTPUTF8}. */
    SMTPUTF8,
    /** Postfix's XCLIENT: a trusted proxy names the client it speaks for; the session starts again as that client. */
    XCLIENT,
    /** Momentum's XREMOTEIP: a trusted gateway names the client's address. */
    XREMOTEIP,
    /** Momentum's XDUMPCONTEXT: the connection's context variables, for debugging. */
    XDUMPCONTEXT,
    /** Momentum's XSETCONTEXT: a trusted client sets context variables of the connection. */
    XSETCONTEXT;

    /**
     * What a client gets when SMTP_Extensions does not name its extensions: the standard ones. The others let a client
     * speak for someone else or read and write the connection's context, so only a list naming them turns them on.
     */
    public static final Set<SmtpExtension> STANDARD = Set.copyOf(EnumSet.of(CHUNKING, BINARYMIME, SMTPUTF8));

    /** Whether only a trusted client should get this: it is never offered unless named. */
    public boolean trusted() {
        return !STANDARD.contains(this);
    }
}
