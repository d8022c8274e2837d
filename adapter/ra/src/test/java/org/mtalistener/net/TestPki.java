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
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made when a test runs, so nothing committed can expire: a CA, a server certificate for localhost and
 * 127.0.0.1, and client certificates, signed with EC P-256 keys, written as PEM files. X.509 is written with the
 * JDK alone (no BouncyCastle, no keytool).
 */
public final class TestPki {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
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
                false, "1.3.6.1.5.5.7.3.1"));
    }

    public static Issued client(Issued ca, String cn) {
        KeyPair keys = ecKeys();
        return new Issued(cn, keys, certificate(cn, keys, ca.subject(), ca.keys().getPrivate(), false,
                "1.3.6.1.5.5.7.3.2"));
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
                                      String extendedKeyUsage) {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] extensions;
        if (ca) {
            extensions = Der.concat(
                    extension("2.5.29.19", true, Der.sequence(Der.encode(0x01, new byte[] {(byte) 0xff}))),
                    extension("2.5.29.15", true, Der.encode(Der.BIT_STRING, new byte[] {1, 0x06})));
        } else {
            byte[] names = Der.sequence(Der.encode(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    Der.encode(0x87, new byte[] {127, 0, 0, 1}));
            extensions = Der.concat(
                    extension("2.5.29.19", true, Der.sequence()),
                    extension("2.5.29.15", true, Der.encode(Der.BIT_STRING, new byte[] {7, (byte) 0x80})),
                    extension("2.5.29.37", false, Der.sequence(Der.oid(extendedKeyUsage))),
                    extension("2.5.29.17", false, names));
        }
        byte[] tbs = Der.sequence(
                Der.encode(0xa0, Der.encode(Der.INTEGER, new byte[] {2})),
                Der.encode(Der.INTEGER, BigInteger.valueOf(SERIALS.incrementAndGet()).toByteArray()),
                algorithm,
                name(issuer),
                Der.sequence(time(now.minusHours(1)), time(now.plusDays(2))),
                name(subject),
                keys.getPublic().getEncoded(),
                Der.encode(0xa3, Der.sequence(extensions)));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            return Der.sequence(tbs, algorithm, Der.encode(Der.BIT_STRING, bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.encode(0x01, new byte[] {(byte) 0xff}),
                        Der.encode(Der.OCTET_STRING, value))
                : Der.sequence(Der.oid(oid), Der.encode(Der.OCTET_STRING, value));
    }

    private static byte[] name(String cn) {
        byte[] attribute = Der.sequence(Der.oid("2.5.4.3"), Der.encode(0x0c, cn.getBytes(StandardCharsets.UTF_8)));
        return Der.sequence(Der.encode(0x31, attribute));
    }

    private static byte[] time(ZonedDateTime time) {
        return Der.encode(0x17, time.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'"))
                .getBytes(StandardCharsets.US_ASCII));
    }
}
