package org.mtalistener.net;

import java.util.Locale;

/**
 * The TLS options of a listener, a Listen or a Peer, as written; {@link TlsContexts} turns them into a context.
 * Two configs that are equal share one context.
 *
 * @param certificate        {@code TLS_Certificate}: PEM file with the certificate chain, and the key unless
 *                           {@code key} is given; null or {@code none}: no TLS
 * @param key                {@code TLS_Key}: PEM file with the private key; null: in {@code certificate}
 * @param clientCa           {@code TLS_Client_CA}: PEM bundle of the CAs client certificates are verified against
 * @param verifyMode         {@code TLS_Verify_Mode}
 * @param ciphers            {@code TLS_Ciphers}: an OpenSSL cipher list; null: the JDK's defaults
 * @param tls13Ciphersuites  {@code TLSv13_Ciphersuites}; null: the JDK's defaults
 * @param protocols          {@code TLS_Protocols}, e.g. {@code +ALL:-TLSv1.1}; null: {@code +ALL}
 */
public record TlsConfig(String certificate, String key, String clientCa, VerifyMode verifyMode, String ciphers,
                        String tls13Ciphersuites, String protocols) {

    /** {@code TLS_Verify_Mode}. */
    public enum VerifyMode {
        /** no client certificate is asked for */
        NONE,
        /** a client certificate is asked for and verified if sent; one that fails does not end the session */
        OPTIONAL,
        /** the handshake fails without a client certificate that verifies */
        REQUIRE;

        public static VerifyMode of(String word) {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static final TlsConfig NONE = new TlsConfig(null, null, null, VerifyMode.OPTIONAL, null, null, null);

    public TlsConfig {
        certificate = blankToNull(certificate);
        key = blankToNull(key);
        clientCa = blankToNull(clientCa);
        ciphers = blankToNull(ciphers);
        tls13Ciphersuites = blankToNull(tls13Ciphersuites);
        protocols = blankToNull(protocols);
        if (verifyMode == null) {
            verifyMode = VerifyMode.OPTIONAL;
        }
        if (certificate != null && certificate.equalsIgnoreCase("none")) {
            // Momentum's way of switching off a certificate set further out.
            certificate = null;
        }
    }

    /** Whether there is a certificate, so TLS can be offered. */
    public boolean offered() {
        return certificate != null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
