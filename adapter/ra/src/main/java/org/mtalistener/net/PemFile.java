package org.mtalistener.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM file as Momentum (OpenSSL) reads it: any number of {@code CERTIFICATE} blocks and at most one private key,
 * as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}). Encrypted
 * keys are refused: Momentum has no option for their passphrase either. Text outside the blocks is ignored, as
 * OpenSSL does.
 *
 * <p>Reads a file: never on an event loop.
 */
final class PemFile {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    private final Path path;
    private final List<X509Certificate> certificates;
    private final PrivateKey key;

    private PemFile(Path path, List<X509Certificate> certificates, PrivateKey key) {
        this.path = path;
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
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey privateKey = null;
        Matcher block = BLOCK.matcher(text);
        boolean any = false;
        while (block.find()) {
            any = true;
            String type = block.group(1);
            boolean key = type.contains("PRIVATE KEY");
            if (key && (type.startsWith("ENCRYPTED") || block.group(2).contains("ENCRYPTED"))) {
                throw encrypted(path);
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException(path + ": the " + type + " block is not valid base64");
            }
            switch (type) {
                case "CERTIFICATE", "X509 CERTIFICATE" -> certificates.add(certificate(path, der));
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (privateKey != null) {
                        throw new TlsConfigException(path + " holds more than one private key");
                    }
                    privateKey = privateKey(path, type, der);
                }
                default -> {
                    // DH parameters, certificate requests and the like: not ours to read, as with OpenSSL.
                }
            }
        }
        if (!any) {
            throw new TlsConfigException(path + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return new PemFile(path, List.copyOf(certificates), privateKey);
    }

    Path path() {
        return path;
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** The private key; null when the file holds none. */
    PrivateKey key() {
        return key;
    }

    private static X509Certificate certificate(Path path, byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TlsConfigException(path + ": a CERTIFICATE block is not an X.509 certificate: "
                    + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path path, String type, byte[] der) {
        try {
            return switch (type) {
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8(algorithm(RSA_ENCRYPTION, Der.encode(Der.NULL,
                                new byte[0])), der)));
                case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8(algorithm(EC_PUBLIC_KEY, curve(der)), der)));
                default -> pkcs8Key(der);
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsConfigException(path + ": the " + type + " block is not a key this JDK can read: "
                    + e.getMessage());
        }
    }

    /** A PKCS#8 key of any algorithm the JDK knows. */
    private static PrivateKey pkcs8Key(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] algorithm(String oid, byte[] parameters) {
        return Der.sequence(Der.oid(oid), parameters);
    }

    /** PrivateKeyInfo (RFC 5208): version 0, the algorithm, the algorithm's own key structure. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return Der.sequence(Der.encode(Der.INTEGER, new byte[] {0}), algorithm, Der.encode(Der.OCTET_STRING, key));
    }

    /** The named curve of a SEC 1 ECPrivateKey: its [0] parameters. */
    private static byte[] curve(byte[] sec1) {
        for (Der.Element child : Der.parse(sec1).children()) {
            if (child.tag() == 0xa0) {
                return child.contents();
            }
        }
        throw new IllegalArgumentException("the EC key does not name its curve");
    }

    private static TlsConfigException encrypted(Path path) {
        return new TlsConfigException(path + ": the private key is encrypted; the listener has no passphrase to "
                + "open it (write it unencrypted, e.g. openssl pkey -in KEY -out PLAIN, and make the file readable "
                + "only to the server)");
    }
}
