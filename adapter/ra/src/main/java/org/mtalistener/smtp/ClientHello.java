package org.mtalistener.smtp;

/**
 * What the client said of itself with EHLO or HELO, and whether the session waits for it again (after STARTTLS or
 * XCLIENT). A trusted peer's XCLIENT may say what the client it speaks for said (HELO, PROTO): that is what the
 * Received header and the MDB see from then on, whatever the peer's own EHLO.
 */
final class ClientHello {

    private String name = "";
    /** The command line as sent, for XDUMPCONTEXT's {@code ehlo_string}. */
    private String line = "";
    private boolean esmtp;
    private boolean needed;
    /** XCLIENT's HELO and PROTO (true: ESMTP); null where it gave none. */
    private String named;
    private Boolean namedEsmtp;

    /** EHLO or HELO {@code name} was taken. */
    void took(String line, String name, boolean extended) {
        this.line = line;
        this.name = name;
        this.esmtp = extended;
        this.needed = false;
    }

    /** STARTTLS, XCLIENT: the client starts afresh, EHLO or HELO first. */
    void forget() {
        name = "";
        line = "";
        esmtp = false;
        needed = true;
    }

    /** XCLIENT's HELO: the name of the client the peer speaks for; null: unknown. */
    void namedHelo(String helo) {
        this.named = helo;
    }

    /** XCLIENT's PROTO: true for ESMTP; null: unknown. */
    void namedProtocol(Boolean esmtp) {
        this.namedEsmtp = esmtp;
    }

    /** Whether the client gave EHLO or HELO in this session (Require_EHLO). */
    boolean given() {
        return !name.isEmpty();
    }

    /** Whether MAIL waits for a new EHLO or HELO (after STARTTLS, XCLIENT). */
    boolean needed() {
        return needed;
    }

    /** Whether the present session began with EHLO: what AUTH needs. */
    boolean extended() {
        return esmtp && !needed;
    }

    String line() {
        return line;
    }

    /** The name as given with EHLO or HELO, for XDUMPCONTEXT. */
    String sent() {
        return name;
    }

    /** The client's HELO name as the Received header and the MDB see it. */
    String name() {
        return named != null ? named : name;
    }

    /** Whether the client speaks ESMTP, as the Received header sees it. */
    boolean esmtp() {
        return namedEsmtp != null ? namedEsmtp : esmtp;
    }
}
