package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.testpki.TestPki;

/** The key and certificate files OpenSSL writes, read as Momentum reads them. */
class PemFileTest {

    @TempDir
    static Path dir;

    /** For writing encrypted keys only; an instance, never registered with the JVM. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static TestPki.Issued server;
    private static KeyPair rsa;

    @BeforeAll
    static void keys() throws Exception {
        server = TestPki.server(TestPki.authority("Test CA"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    @Test
    void aCombinedFileGivesTheChainAndThePkcs8Key() {
        PemFile pem = PemFile.read(server.writeCombined(dir.resolve("combined.pem")));
        assertEquals(1, pem.certificates().size());
        assertEquals("CN=localhost", pem.certificates().get(0).getSubjectX500Principal().getName());
        assertArrayEquals(server.keys().getPrivate().getEncoded(), pem.key().getEncoded());
    }

    @Test
    void aCertificateFileHasNoKey() {
        assertNull(PemFile.read(server.writeCertificate(dir.resolve("cert.pem"))).key());
    }

    @Test
    void anRsaKeyInPkcs1IsRead() throws IOException {
        // openssl genrsa (1.x) and "openssl rsa -traditional" write BEGIN RSA PRIVATE KEY
        String pkcs1 = openSsl(rsa.getPrivate());
        assertTrue(pkcs1.startsWith("-----BEGIN RSA PRIVATE KEY-----"), pkcs1);
        PrivateKey key = readKey("rsa.key", pkcs1);
        assertEquals("RSA", key.getAlgorithm());
        assertArrayEquals(rsa.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void anRsaKeyInPkcs8IsRead() {
        PrivateKey key = readKey("rsa8.key", TestPki.pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
        assertArrayEquals(rsa.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void anEcKeyInSec1AfterItsParametersIsRead() throws Exception {
        // as "openssl ecparam -name prime256v1 -genkey" writes it: EC PARAMETERS, then EC PRIVATE KEY
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        String parameters = TestPki.pem("EC PARAMETERS", new byte[] {6, 8, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d,
                3, 1, 7});
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded());
        ECPrivateKey sec1 = new ECPrivateKey(256, ECPrivateKey.getInstance(pkcs8.parsePrivateKey()).getKey(),
                SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded()).getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        PrivateKey key = readKey("ec.key", parameters + TestPki.pem("EC PRIVATE KEY", sec1.getEncoded()));
        java.security.interfaces.ECPrivateKey written = (java.security.interfaces.ECPrivateKey) ec.getPrivate();
        java.security.interfaces.ECPrivateKey read = (java.security.interfaces.ECPrivateKey) key;
        assertEquals(written.getS(), read.getS());
        assertEquals(written.getParams().getOrder(), read.getParams().getOrder());
    }

    @Test
    void anEd25519KeyIsRead() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        PrivateKey key = readKey("ed.key", TestPki.pem("PRIVATE KEY", ed.getPrivate().getEncoded()));
        assertArrayEquals(ed.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void textAndBlocksNotReadArePassedOver() {
        String text = "subject=CN=localhost\nissuer=CN=Test CA\n" + server.certificatePem()
                + TestPki.pem("DH PARAMETERS", new byte[] {0x30, 3, 2, 1, 2}) + "trailing words\n" + server.keyPem();
        PemFile pem = PemFile.read(TestPki.write(dir.resolve("annotated.pem"), text));
        assertEquals(1, pem.certificates().size());
        assertArrayEquals(server.keys().getPrivate().getEncoded(), pem.key().getEncoded());
    }

    @Test
    void anEncryptedPkcs8KeyIsRefusedWithTheWayOut() throws Exception {
        String encrypted = openSsl(new JcaPKCS8Generator(rsa.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_128_CBC).setProvider(BC)
                        .setPassword("secret".toCharArray()).build()).generate());
        assertTrue(encrypted.contains("BEGIN ENCRYPTED PRIVATE KEY"), encrypted);
        assertEncryptedRefused(TestPki.write(dir.resolve("enc8.key"), encrypted));
    }

    @Test
    void aTraditionallyEncryptedKeyIsRefusedWithTheWayOut() throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(rsa.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC)
                    .build("secret".toCharArray()));
        }
        String encrypted = text.toString();
        assertTrue(encrypted.contains("Proc-Type: 4,ENCRYPTED"), encrypted);
        assertEncryptedRefused(TestPki.write(dir.resolve("enc1.key"), encrypted));
    }

    @Test
    void aFileWithoutBlocksIsNotPem() {
        Path file = TestPki.write(dir.resolve("plain.txt"), "just words\n");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertEquals(file + " is not a PEM file (no -----BEGIN ...----- block)", e.getMessage());
    }

    @Test
    void twoKeysInOneFileAreRefused() {
        Path file = TestPki.write(dir.resolve("two.key"), server.keyPem() + server.keyPem());
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertEquals(file + " holds more than one private key", e.getMessage());
    }

    @Test
    void aCertificateBlockThatIsNoCertificateNamesTheFile() {
        Path file = TestPki.write(dir.resolve("bad.pem"), TestPki.pem("CERTIFICATE", new byte[] {0x30, 3, 2, 1, 2}));
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": a CERTIFICATE block is not an X.509 certificate"),
                e.getMessage());
    }

    @Test
    void aKeyBlockThatIsNoKeyNamesTheFile() {
        Path file = TestPki.write(dir.resolve("bad.key"), TestPki.pem("PRIVATE KEY", new byte[] {0x30, 3, 2, 1, 2}));
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the PRIVATE KEY block is not a key this JDK can read"),
                e.getMessage());
    }

    @Test
    void aBlockThatIsNotBase64NamesTheFile() {
        Path file = TestPki.write(dir.resolve("b64.pem"), "-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent.pem");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertTrue(e.getMessage().startsWith("cannot read " + file), e.getMessage());
    }

    private static PrivateKey readKey(String name, String text) {
        return PemFile.read(TestPki.write(dir.resolve(name), text)).key();
    }

    private static void assertEncryptedRefused(Path file) {
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> PemFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the private key is encrypted"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
    }

    /** As OpenSSL writes it; a key in its traditional format: PKCS#1 for RSA, SEC 1 for EC. */
    private static String openSsl(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
