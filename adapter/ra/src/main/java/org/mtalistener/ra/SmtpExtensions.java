package org.mtalistener.ra;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mtalistener.smtp.SmtpExtension;

/**
 * SMTP_Extensions as one client gets it. Unset, every standard extension the client's other options make possible is
 * offered (STARTTLS with a certificate, AUTH with the mechanisms configured, ENHANCEDSTATUSCODES, CHUNKING,
 * BINARYMIME, SMTPUTF8); written, only those it names are — {@code ( "ENHANCEDSTATUSCODES" "STARTTLS" "AUTH LOGIN" )}.
 * PIPELINING, 8BITMIME and SIZE are always offered. The trusted-peer extensions (XCLIENT, XREMOTEIP, XDUMPCONTEXT,
 * XSETCONTEXT) only when named: a client that may use them can speak for others.
 */
final class SmtpExtensions {

    /** The extensions the adapter can offer; anything else in a list is reported at activation. */
    static final List<String> KNOWN = List.of("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES", "STARTTLS",
            "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-MD5", "AUTH DIGEST-MD5", "CHUNKING", "BINARYMIME", "SMTPUTF8",
            "XCLIENT", "XREMOTEIP", "XDUMPCONTEXT", "XSETCONTEXT");

    private final List<String> written;

    /** @param written the option's value for the client; null when it is not written */
    SmtpExtensions(List<String> written) {
        this.written = written == null ? null : written.stream().map(SmtpExtensions::normal).toList();
    }

    boolean offers(String extension) {
        return written == null || written.contains(normal(extension));
    }

    /** The extensions of {@link SmtpExtension} offered; BINARYMIME only with CHUNKING (it needs BDAT). */
    Set<SmtpExtension> offered() {
        Set<SmtpExtension> offered = EnumSet.noneOf(SmtpExtension.class);
        for (SmtpExtension extension : SmtpExtension.values()) {
            if (extension.trusted() ? written != null && written.contains(extension.name()) : offers(extension.name())) {
                offered.add(extension);
            }
        }
        if (!offered.contains(SmtpExtension.CHUNKING)) {
            offered.remove(SmtpExtension.BINARYMIME);
        }
        return offered;
    }

    /** The names in the list that the adapter does not offer. */
    List<String> unknown() {
        return written == null ? List.of() : written.stream().filter(e -> !KNOWN.contains(e)).toList();
    }

    private static String normal(String extension) {
        return extension.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
