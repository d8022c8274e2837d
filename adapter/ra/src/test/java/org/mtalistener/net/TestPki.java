package org.mtalistener.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made when a test runs, so nothing committed can expire: a CA, a server certificate for localhost and
 * 127.0.0.1, and client certificates, signed with EC P-256 keys, written as PEM files. BouncyCastle builds the
 * X.509; the JDK's providers make the keys and signatures.
 */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate (DER). */
    public record Issued(String subject, KeyPair keys, byte[] certificate) {

        public String certificatePem() {
            return pem("CERTIFICATE", certificate);
        }

        public String keyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** Writes the certificate and the key into one file, as Momentum's TLS_Certificate may hold them. */
        public Path writeCombined(Path file) {
            return write(file, certificatePem() + keyPem());
        }

        public Path writeCertificate(Path file) {
            return write(file, certificatePem());
        }

        public Path writeKey(Path file) {
            return write(file, keyPem());
        }
    }

    private TestPki() {
    }

    public static Issued authority(String cn) {
        KeyPair keys = ecKeys();
        return new Issued(cn, keys, certificate(cn, keys, cn, keys.getPrivate(), true, null));
    }

    public static Issued server(Issued ca) {
        KeyPair keys = ecKeys();
        return new Issued("localhost", keys, certificate("localhost", keys, ca.subject(), ca.keys().getPrivate(),
                false, KeyPurposeId.id_kp_serverAuth));
    }

    public static Issued client(Issued ca, String cn) {
        KeyPair keys = ecKeys();
        return new Issued(cn, keys, certificate(cn, keys, ca.subject(), ca.keys().getPrivate(), false,
                KeyPurposeId.id_kp_clientAuth));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, boolean ca,
                                      KeyPurposeId extendedKeyUsage) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(2, ChronoUnit.DAYS)), new X500Name("CN=" + subject), keys.getPublic());
        try {
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
