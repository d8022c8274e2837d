package org.mtalistener.smtp;

/**
 * What the listener does with a bare CR or LF (one not part of CR LF) and with NUL, which RFC 5321 forbids and which
 * a lenient server behind the MDB could take as a line end — recreating SMTP smuggling downstream (Postfix's
 * {@code smtpd_forbid_bare_newline}). Only CR LF "." CR LF ends DATA under every policy.
 */
public enum BareNewlinePolicy {
    /**
     * A command line ended by a bare LF or holding a bare CR gets {@code 521 5.5.2} and the connection is closed;
     * a message holding a bare CR, LF or NUL is read to its end and refused with {@code 550 5.5.2}.
     */
    REJECT,
    /** Bare CR and bare LF in a message become CR LF (NUL stays); command lines are read as under ALLOW. */
    NORMALIZE,
    /** Passed on as they are (a command line may end with a bare LF). */
    ALLOW
}
