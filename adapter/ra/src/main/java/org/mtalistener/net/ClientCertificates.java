package org.mtalistener.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.mtalistener.log.ClientText;

/**
 * Verifies client certificates against {@code TLS_Client_CA} and remembers the outcome in the TLS session. Under
 * {@code require} a certificate that does not verify fails the handshake; under {@code optional} the handshake goes
 * on, as Momentum's does, and the session just has no verified client ({@link #verifiedSubject} is null).
 */
final class ClientCertificates extends X509ExtendedTrustManager {

    private static final Logger LOG = Logger.getLogger(ClientCertificates.class.getName());
    private static final String VERIFIED = "org.mtalistener.client-certificate-verified";

    private final X509ExtendedTrustManager pkix;
    private final boolean required;

    ClientCertificates(X509ExtendedTrustManager pkix, boolean required) {
        this.pkix = pkix;
        this.required = required;
    }

    /**
     * The subject (RFC 2253) of the client certificate this session verified; null when the client sent none or
     * its certificate did not verify.
     */
    static String verifiedSubject(SSLSession session) {
        if (!Boolean.TRUE.equals(session.getValue(VERIFIED))) {
            return null;
        }
        try {
            return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            if (required) {
                throw e;
            }
            LOG.fine(() -> "client certificate " + ClientText.quoted(chain[0].getSubjectX500Principal().getName())
                    + " not verified (optional): " + e.getMessage());
            return;
        }
        SSLSession handshake = engine.getHandshakeSession();
        if (handshake != null) {
            handshake.putValue(VERIFIED, Boolean.TRUE);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the listener verifies client certificates on SSLEngines only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the listener verifies client certificates on SSLEngines only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a listener verifies clients, not servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a listener verifies clients, not servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a listener verifies clients, not servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
