package org.mtalistener.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server TLS contexts of one activation: each distinct {@link TlsConfig} (the Listen's, and those its Peers
 * make) loaded once, when the activation is validated, with Netty's JDK provider. Loading reads files: it runs on
 * the container's deployment thread, never on an event loop; connections only look contexts up.
 */
public final class TlsContexts {

    private static final Logger LOG = Logger.getLogger(TlsContexts.class.getName());

    private final Map<TlsConfig, SslContext> contexts = new LinkedHashMap<>();

    /**
     * Loads {@code config} unless already loaded; a config without a certificate needs no context.
     *
     * @throws TlsConfigException naming the option and the file or value that cannot work
     */
    public synchronized void load(TlsConfig config) {
        if (config.offered() && !contexts.containsKey(config)) {
            contexts.put(config, build(config));
        }
    }

    /** The context loaded for {@code config}; null when it offers no TLS. */
    public synchronized SslContext get(TlsConfig config) {
        if (!config.offered()) {
            return null;
        }
        SslContext context = contexts.get(config);
        if (context == null) {
            throw new IllegalStateException("no TLS context was loaded for " + config);
        }
        return context;
    }

    /** A new TLS handler for one connection, with its own engine; TLS_Allow_Renegotiation = false refuses renegotiation. */
    public static SslHandler newHandler(SslContext context, ByteBufAllocator alloc, boolean allowRenegotiation) {
        if (allowRenegotiation) {
            return context.newHandler(alloc);
        }
        // SslContext.newHandler would make the engine itself; the handler it makes differs from this one only in a
        // resumption check for trust managers of Netty's own kind, which TlsContexts does not use.
        return new SslHandler(new NoRenegotiationEngine(context.newEngine(alloc)));
    }

    /** The subject of the client certificate the session verified (RFC 2253); null when none was. */
    public static String verifiedClientSubject(SSLSession session) {
        return ClientCertificates.verifiedSubject(session);
    }

    static SslContext build(TlsConfig config) {
        PemFile certificateFile = read("TLS_Certificate", config.certificate());
        List<X509Certificate> chain = certificateFile.certificates();
        if (chain.isEmpty()) {
            throw new TlsConfigException("TLS_Certificate", config.certificate() + " holds no CERTIFICATE block");
        }
        PrivateKey key;
        if (config.key() != null) {
            key = read("TLS_Key", config.key()).key();
            if (key == null) {
                throw new TlsConfigException("TLS_Key", config.key() + " holds no private key");
            }
        } else {
            key = certificateFile.key();
            if (key == null) {
                throw new TlsConfigException("TLS_Certificate", config.certificate() + " holds no private key; "
                        + "give the key's file in TLS_Key");
            }
        }
        checkPair(config, chain.get(0), key);
        warnIfNotValidNow(config, chain.get(0));

        SSLParameters defaults;
        SSLParameters supported;
        try {
            SSLContext jdk = SSLContext.getDefault();
            defaults = jdk.getDefaultSSLParameters();
            supported = jdk.getSupportedSSLParameters();
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("TLS_Certificate", "the JDK has no default TLS context: " + e);
        }
        List<String> protocols = TlsProtocols.parse(config.protocols(), List.of(defaults.getProtocols()),
                List.of(supported.getProtocols()));
        List<String> ciphers = TlsCiphers.parse(config.ciphers(), config.tls13Ciphersuites(),
                List.of(defaults.getCipherSuites()), List.of(supported.getCipherSuites()));

        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(protocols)
                .ciphers(ciphers, IdentityCipherSuiteFilter.INSTANCE);
        ClientAuth clientAuth = clientAuth(config);
        builder.clientAuth(clientAuth);
        if (clientAuth != ClientAuth.NONE) {
            builder.trustManager(new ClientCertificates(pkix(config), clientAuth == ClientAuth.REQUIRE));
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("TLS_Certificate", "cannot make a TLS context of " + config.certificate()
                    + ": " + e.getMessage());
        }
    }

    /** optional without TLS_Client_CA asks for nothing: there is nothing to verify a certificate against. */
    private static ClientAuth clientAuth(TlsConfig config) {
        return switch (config.verifyMode()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> config.clientCa() == null ? ClientAuth.NONE : ClientAuth.OPTIONAL;
            case REQUIRE -> {
                if (config.clientCa() == null) {
                    throw new TlsConfigException("TLS_Verify_Mode", "require needs TLS_Client_CA, the CAs that "
                            + "client certificates are verified against");
                }
                yield ClientAuth.REQUIRE;
            }
        };
    }

    private static X509ExtendedTrustManager pkix(TlsConfig config) {
        List<X509Certificate> authorities = read("TLS_Client_CA", config.clientCa()).certificates();
        if (authorities.isEmpty()) {
            throw new TlsConfigException("TLS_Client_CA", config.clientCa() + " holds no CERTIFICATE block");
        }
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                anchors.setCertificateEntry("ca" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new TlsConfigException("TLS_Client_CA", "the JDK's PKIX trust manager is missing");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsConfigException("TLS_Client_CA", "cannot use " + config.clientCa() + ": " + e);
        }
    }

    private static PemFile read(String option, String file) {
        try {
            return PemFile.read(Path.of(file));
        } catch (TlsConfigException e) {
            throw e.withOption(option);
        }
    }

    /** A key that does not match the certificate would only show at the first handshake; say so now. */
    private static void checkPair(TlsConfig config, X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] probe = "mta-listener key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            PublicKey published = certificate.getPublicKey();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(published);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            String where = config.key() != null ? "TLS_Key" : "TLS_Certificate";
            throw new TlsConfigException(where, "the private key in " + (config.key() != null ? config.key()
                    : config.certificate()) + " does not belong to the certificate "
                    + certificate.getSubjectX500Principal() + " in " + config.certificate());
        }
    }

    private static void warnIfNotValidNow(TlsConfig config, X509Certificate certificate) {
        Date now = new Date();
        if (now.after(certificate.getNotAfter()) || now.before(certificate.getNotBefore())) {
            LOG.warning(() -> "TLS_Certificate " + config.certificate() + ": " + certificate.getSubjectX500Principal()
                    + " is valid only from " + certificate.getNotBefore() + " to " + certificate.getNotAfter()
                    + "; clients that check will refuse it");
        }
    }
}
