package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS_Ciphers read as OpenSSL reads it, against this JDK's own suites. */
class TlsCiphersTest {

    private static List<String> enabled;
    private static List<String> supported;

    @BeforeAll
    static void jdk() throws Exception {
        SSLContext jdk = SSLContext.getDefault();
        enabled = List.of(jdk.getDefaultSSLParameters().getCipherSuites());
        supported = List.of(jdk.getSupportedSSLParameters().getCipherSuites());
    }

    @Test
    void anOpenSslNameIsTheJdksSuiteBesideTheDefaultTls13Ones() {
        List<String> suites = parse("ECDHE-RSA-AES128-GCM-SHA256", null);
        assertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suites.toString());
        assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), suites.toString());
        assertEquals(1, suites.stream().filter(s -> !s.startsWith("TLS_AES_") && !s.startsWith("TLS_CHACHA20_"))
                .count(), suites.toString());
    }

    @Test
    void theUsualListIsTheJdksDefaults() {
        assertEquals(parse(null, null), parse("DEFAULT:!aNULL:!eNULL:!LOW:!EXP:@STRENGTH", null));
    }

    @Test
    void aGroupBannedStaysOut() {
        List<String> suites = parse("HIGH:!ECDHE:ECDHE-RSA-AES128-GCM-SHA256", null);
        assertFalse(suites.stream().anyMatch(s -> s.contains("_ECDHE_")), suites.toString());
        assertTrue(suites.contains("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), suites.toString());
    }

    @Test
    void tls13SuitesAreTheOnesWritten() {
        List<String> suites = parse("ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_256_GCM_SHA384");
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suites);
    }

    @Test
    void anUnknownWordNamesTheOption() {
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> parse("HIGH:NOPE-CIPHER", null));
        assertEquals("TLS_Ciphers", e.option());
        assertTrue(e.getMessage().startsWith("\"NOPE-CIPHER\" is not a cipher suite or group"), e.getMessage());
        e = assertThrows(TlsConfigException.class, () -> parse(null, "TLS_NOPE"));
        assertEquals("TLSv13_Ciphersuites", e.option());
    }

    @Test
    void nothingLeftIsRefused() {
        List<String> older = List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsCiphers.parse("DEFAULT:!ECDHE", null, older, older));
        assertEquals("TLS_Ciphers", e.option());
        assertTrue(e.getMessage().endsWith("leave no cipher suite enabled"), e.getMessage());
    }

    private static List<String> parse(String ciphers, String tls13) {
        return TlsCiphers.parse(ciphers, tls13, enabled, supported);
    }
}
