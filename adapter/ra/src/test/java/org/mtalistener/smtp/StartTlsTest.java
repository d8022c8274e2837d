package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.net.TlsConfig;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.testpki.TestPki;

/** STARTTLS on an embedded channel: what is offered, what is refused, and what happens to pipelined input. */
class StartTlsTest {

    private static final String EHLO_WITH_STARTTLS = SessionHarness.EHLO_REPLY
            .replace("250 SMTPUTF8\r\n", "250-SMTPUTF8\r\n250 STARTTLS\r\n");

    @TempDir
    static Path pki;
    @TempDir
    Path spill;

    private static TlsContexts contexts;
    private static TlsConfig config;

    @BeforeAll
    static void certificate() {
        TestPki.Issued ca = TestPki.authority("Test CA");
        Path server = TestPki.server(ca).writeCombined(pki.resolve("server.pem"));
        config = new TlsConfig(server.toString(), null, null, TlsConfig.VerifyMode.NONE, null, null, null);
        contexts = new TlsContexts();
        contexts.load(config);
    }

    private SessionHarness session(TlsSettings.InjectionPolicy policy) {
        return new SessionHarness(spill, SessionHarness.settings(0, 0, Duration.ZERO)
                .withTls(new TlsSettings(contexts.get(config), false, policy)));
    }

    @Test
    void ehloOffersStartTlsOnlyWithACertificate() {
        try (SessionHarness s = session(TlsSettings.InjectionPolicy.REJECT)) {
            s.send("EHLO client.example.org\r\n");
            assertEquals(EHLO_WITH_STARTTLS, s.replies());
        }
        try (SessionHarness s = new SessionHarness(spill)) {
            s.ehlo();
            s.send("STARTTLS\r\n");
            assertEquals("454 4.7.0 TLS not available\r\n", s.replies());
        }
    }

    @Test
    void startTlsTakesNoArgument() {
        try (SessionHarness s = session(TlsSettings.InjectionPolicy.REJECT)) {
            s.send("EHLO client.example.org\r\nSTARTTLS now\r\n");
            s.replies();
            s.send("STARTTLS now\r\n");
            assertEquals("501 5.5.4 Syntax error (no parameters allowed)\r\n", s.replies());
            assertFalse(s.channel.pipeline().first() instanceof SslHandler);
        }
    }

    @Test
    void startTlsPutsTlsFirstAndForgetsTheSession() {
        try (SessionHarness s = session(TlsSettings.InjectionPolicy.REJECT)) {
            s.send("EHLO client.example.org\r\nMAIL FROM:<a@example.org>\r\n");
            s.replies();
            s.send("STARTTLS\r\n");
            assertEquals("220 2.0.0 Ready to start TLS\r\n", s.replies());
            assertInstanceOf(SslHandler.class, s.channel.pipeline().first());
        }
    }

    @Test
    void underRejectInputAfterStartTlsDropsTheConnectionAndRunsNothing() {
        try (SessionHarness s = session(TlsSettings.InjectionPolicy.REJECT)) {
            s.expectWarnings();
            s.send("EHLO client.example.org\r\n");
            s.replies();
            s.send("STARTTLS\r\nRSET\r\n");
            assertEquals("421 4.7.0 mx.example.com STARTTLS refused: commands were pipelined after it, closing "
                    + "connection\r\n", s.replies());
            assertFalse(s.channel.isOpen());
            assertFalse(s.channel.pipeline().first() instanceof SslHandler);
        }
    }

    @Test
    void underIgnoreAndAllowInputAfterStartTlsIsThrownAwayAndTlsStarts() {
        for (TlsSettings.InjectionPolicy policy : new TlsSettings.InjectionPolicy[] {
                TlsSettings.InjectionPolicy.IGNORE, TlsSettings.InjectionPolicy.ALLOW}) {
            try (SessionHarness s = session(policy)) {
                s.expectWarnings();
                s.send("EHLO client.example.org\r\n");
                s.replies();
                s.send("STARTTLS\r\nRSET\r\nMAIL FROM:<evil@example.org>\r\n");
                // Only the 220: neither RSET nor MAIL was answered, so neither ran.
                assertEquals("220 2.0.0 Ready to start TLS\r\n", s.replies(), policy.name());
                assertTrue(s.channel.isOpen());
                assertInstanceOf(SslHandler.class, s.channel.pipeline().first());
            }
        }
    }
}
