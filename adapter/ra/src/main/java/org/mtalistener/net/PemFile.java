package org.mtalistener.net;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A PEM file as Momentum (OpenSSL) reads it: any number of {@code CERTIFICATE} blocks and at most one private key,
 * as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}) or
 * {@code DSA PRIVATE KEY}. Encrypted keys are refused: Momentum has no option for their passphrase either. Text and
 * blocks of other kinds are passed over, as OpenSSL does.
 *
 * <p>BouncyCastle parses; its converters make the keys and certificates with the JDK's own providers, so no
 * provider is registered and the keys are the ones the JDK's TLS expects. Reads a file: never on an event loop.
 */
final class PemFile {

    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private final List<X509Certificate> certificates;
    private final PrivateKey key;

    private PemFile(List<X509Certificate> certificates, PrivateKey key) {
        this.certificates = certificates;
        this.key = key;
    }

    /** @throws TlsConfigException naming the file and what is wrong with it */
    static PemFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsConfigException("cannot read " + path + ": " + e);
        }
        Blocks blocks = new Blocks(path, text);
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        try {
            for (Object block = blocks.readObject(); block != null; block = blocks.readObject()) {
                if (block instanceof X509CertificateHolder certificate) {
                    certificates.add(CERTIFICATES.getCertificate(certificate));
                } else {
                    keys.add(KEYS.getPrivateKey(keyInfo(path, block)));
                }
            }
        } catch (IOException | CertificateException | IllegalArgumentException | IllegalStateException e) {
            throw blocks.type.contains("CERTIFICATE")
                    ? new TlsConfigException(path + ": a CERTIFICATE block is not an X.509 certificate: "
                            + e.getMessage())
                    : new TlsConfigException(path + ": the " + blocks.type + " block is not a key this JDK can "
                            + "read: " + e.getMessage());
        }
        if (blocks.type == null) {
            throw new TlsConfigException(path + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        if (keys.size() > 1) {
            throw new TlsConfigException(path + " holds more than one private key");
        }
        return new PemFile(List.copyOf(certificates), keys.isEmpty() ? null : keys.get(0));
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** The private key; null when the file holds none. */
    PrivateKey key() {
        return key;
    }

    private static PrivateKeyInfo keyInfo(Path path, Object block) {
        if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
            throw new TlsConfigException(path + ": the private key is encrypted; the listener has no passphrase to "
                    + "open it (write it unencrypted, e.g. openssl pkey -in KEY -out PLAIN, and make the file "
                    + "readable only to the server)");
        }
        return block instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) block;
    }

    /**
     * The blocks a TLS file is read for. OpenSSL passes over the others (DH PARAMETERS, the EC PARAMETERS that
     * {@code openssl ecparam -genkey} writes before the key, certificate requests), which PEMParser would throw on
     * or hand back.
     */
    private static final class Blocks extends PEMParser {

        private static final Set<String> READ = Set.of(TYPE_CERTIFICATE, TYPE_X509_CERTIFICATE, TYPE_PRIVATE_KEY,
                TYPE_RSA_PRIVATE_KEY, TYPE_EC_PRIVATE_KEY, TYPE_DSA_PRIVATE_KEY, TYPE_ENCRYPTED_PRIVATE_KEY);

        private final Path path;
        /** The type of the last block met, read or not; null before the first. */
        private String type;

        Blocks(Path path, String text) {
            super(new StringReader(text));
            this.path = path;
        }

        @Override
        public PemObject readPemObject() {
            for (PemObject block = next(); block != null; block = next()) {
                type = block.getType();
                if (READ.contains(type)) {
                    return block;
                }
            }
            return null;
        }

        /** @throws TlsConfigException for a block without its END line or not in base64 */
        private PemObject next() {
            try {
                return super.readPemObject();
            } catch (IOException | DecoderException e) {
                throw new TlsConfigException(path + ": " + e.getMessage());
            }
        }
    }
}
