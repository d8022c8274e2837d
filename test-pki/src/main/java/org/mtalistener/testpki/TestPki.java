package org.mtalistener.testpki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made when the tests run, so nothing committed can expire: a CA, a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, and client certificates, with EC P-256 keys valid for two days, written
 * as PEM files. X.509 is written with the JDK alone (no BouncyCastle, no keytool). The adapter's unit tests call
 * {@link #authority}, {@link #server} and {@link #client}; the container tests' build runs
 * {@code java org.mtalistener.testpki.TestPki DIR}, which writes
 *
 * <ul>
 *   <li>{@code ca.pem}: the test CA, which the listeners' {@code TLS_Client_CA} names and the clients trust;</li>
 *   <li>{@code server.pem}, {@code server.key}: the server;</li>
 *   <li>{@code client.pem}, {@code client.key}: a client certificate {@code CN=client.test} from the test CA;</li>
 *   <li>{@code stranger.pem}, {@code stranger.key}: a client certificate from another CA, which must not verify.</li>
 * </ul>
 */
public final class TestPki {

    /** The subject of {@code client.pem} as the adapter reports a verified one (RFC 2253). */
    public static final String CLIENT_SUBJECT = "CN=client.test";

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

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
        return new Issued(cn, keys, certificate(cn, keys, cn, keys.getPrivate(), null));
    }

    public static Issued server(Issued ca) {
        return issue(ca, "localhost", "1.3.6.1.5.5.7.3.1");
    }

    public static Issued client(Issued ca, String cn) {
        return issue(ca, cn, "1.3.6.1.5.5.7.3.2");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TestPki DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Issued ca = authority("Test CA");
        ca.writeCertificate(dir.resolve("ca.pem"));
        write(dir, "server", server(ca));
        write(dir, "client", client(ca, "client.test"));
        write(dir, "stranger", client(authority("Other CA"), "stranger.test"));
        System.out.println("TestPki: CA, server, client and stranger certificates in " + dir);
    }

    /** A TLS client context that trusts {@code ca} and, when {@code who} is not null, presents its certificate. */
    public static SSLContext clientContext(Issued ca, Issued who) {
        return who == null ? context(ca.certificate(), null, null)
                : context(ca.certificate(), who.keys().getPrivate(), who.certificate());
    }

    /**
     * A TLS client context that trusts {@code ca.pem} of {@code dir} and, when {@code name} is not null, presents
     * the certificate {@code name.pem} with its key {@code name.key}.
     */
    public static SSLContext clientContext(Path dir, String name) {
        try {
            byte[] ca = pemBody(Files.readString(dir.resolve("ca.pem")));
            if (name == null) {
                return context(ca, null, null);
            }
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(pemBody(Files.readString(dir.resolve(name + ".key")))));
            return context(ca, key, pemBody(Files.readString(dir.resolve(name + ".pem"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext context(byte[] caCertificate, PrivateKey key, byte[] certificate) {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", x509.generateCertificate(new ByteArrayInputStream(caCertificate)));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (key != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key, new char[0], new Certificate[] {
                        x509.generateCertificate(new ByteArrayInputStream(certificate))});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(Issued ca, String cn, String extendedKeyUsage) {
        KeyPair keys = ecKeys();
        return new Issued(cn, keys, certificate(cn, keys, ca.subject(), ca.keys().getPrivate(), extendedKeyUsage));
    }

    private static void write(Path dir, String name, Issued issued) {
        issued.writeCertificate(dir.resolve(name + ".pem"));
        issued.writeKey(dir.resolve(name + ".key"));
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static Path write(Path file, String text) {
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

    /** A certificate: a CA's when {@code extendedKeyUsage} is null, else an end entity's for localhost/127.0.0.1. */
    private static byte[] certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
                                      String extendedKeyUsage) {
        byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] extensions;
        if (extendedKeyUsage == null) {
            extensions = concat(
                    extension("2.5.29.19", true, sequence(encode(0x01, new byte[] {(byte) 0xff}))),
                    extension("2.5.29.15", true, encode(0x03, new byte[] {1, 0x06})));
        } else {
            byte[] names = sequence(encode(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    encode(0x87, new byte[] {127, 0, 0, 1}));
            extensions = concat(
                    extension("2.5.29.19", true, sequence()),
                    extension("2.5.29.15", true, encode(0x03, new byte[] {7, (byte) 0x80})),
                    extension("2.5.29.37", false, sequence(oid(extendedKeyUsage))),
                    extension("2.5.29.17", false, names));
        }
        byte[] serial = new BigInteger(63, new java.security.SecureRandom()).add(BigInteger.ONE).toByteArray();
        byte[] tbs = sequence(
                encode(0xa0, encode(0x02, new byte[] {2})),
                encode(0x02, serial),
                algorithm,
                name(issuer),
                sequence(time(now.minusHours(1)), time(now.plusDays(2))),
                name(subject),
                keys.getPublic().getEncoded(),
                encode(0xa3, sequence(extensions)));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            return sequence(tbs, algorithm, encode(0x03, bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? sequence(oid(oid), encode(0x01, new byte[] {(byte) 0xff}), encode(0x04, value))
                : sequence(oid(oid), encode(0x04, value));
    }

    private static byte[] name(String cn) {
        byte[] attribute = sequence(oid("2.5.4.3"), encode(0x0c, cn.getBytes(StandardCharsets.UTF_8)));
        return sequence(encode(0x31, attribute));
    }

    private static byte[] time(ZonedDateTime time) {
        return encode(0x17, time.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'"))
                .getBytes(StandardCharsets.US_ASCII));
    }

    // The little of DER that writing a certificate takes: definite lengths, one-byte tags.

    private static byte[] encode(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] sequence(byte[]... elements) {
        return encode(0x30, concat(elements));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while (arc >> (7 * groups) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) (arc >> (7 * g) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return encode(0x06, out.toByteArray());
    }
}
