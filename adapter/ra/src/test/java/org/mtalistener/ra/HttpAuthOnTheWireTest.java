package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.testpki.TestPki;

/**
 * Who may inject over a real socket: HTTPS (Use_SSL) with the JDK's client, where a verified client certificate
 * stands for credentials under TLS_Verified_Peer_Is_Authorized, and HTTP Digest as curl speaks it.
 */
class HttpAuthOnTheWireTest {

    private static final String MESSAGES = "/v1.0/messages?from=a%40client.test&to=b%40server.test";

    @Test
    void overHttpsAVerifiedClientCertificateStandsForCredentials(@TempDir Path dir) throws Exception {
        TestPki.Issued ca = TestPki.authority("Test CA");
        Path serverPem = TestPki.server(ca).writeCombined(dir.resolve("server.pem"));
        Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestPki.Issued client = TestPki.client(ca, "client.test");
        try (ListenerFixture fixture = new ListenerFixture(dir)) {
            ListenerActivationSpec required = https(serverPem, caPem, "require");
            fixture.start(required);
            HttpResponse<String> response = inject(TestPki.clientContext(ca, client), "https", required);
            assertEquals(200, response.statusCode(), response.body());
            ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals(TestPki.CLIENT_SUBJECT, received.session().tls().clientSubject());
            assertEquals(TestPki.CLIENT_SUBJECT, received.session().authenticatedUser());
            assertTrue(received.content().contains(" with HTTPS id "), received.content());
            assertThrows(IOException.class, () -> inject(TestPki.clientContext(ca, null), "https", required),
                    "no certificate where one is required: the handshake fails");

            ListenerActivationSpec optional = https(serverPem, caPem, "optional");
            fixture.start(optional);
            assertEquals(401, inject(TestPki.clientContext(ca, null), "https", optional).statusCode(),
                    "no certificate and no credentials");
            assertEquals(200, inject(TestPki.clientContext(ca, client), "https", optional).statusCode());
        }
    }

    private static ListenerActivationSpec https(Path serverPem, Path caPem, String verifyMode) throws IOException {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setListenerType("HTTP_Listener");
        spec.setUseSsl(true);
        spec.setTlsCertificate(serverPem.toString());
        spec.setTlsClientCa(caPem.toString());
        spec.setTlsVerifyMode(verifyMode);
        spec.setTlsVerifiedPeerIsAuthorized(true);
        spec.setEnableAuthentication(true);
        return spec;
    }

    private static HttpResponse<String> inject(SSLContext tls, String scheme, ListenerActivationSpec spec)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        return client.send(HttpRequest.newBuilder(
                        URI.create(scheme + "://127.0.0.1:" + ListenerFixture.port(spec) + MESSAGES))
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString("Subject: over HTTPS\r\n\r\nhello\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void curlDigestAnswersTheChallenge(@TempDir Path dir) throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(bin -> Files.isExecutable(Path.of(bin, "curl"))), "no curl on PATH");
        String ha1 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest("alice:inject:s3cret".getBytes(StandardCharsets.UTF_8)));
        Path htdigest = Files.writeString(dir.resolve("htdigest"), "alice:inject:" + ha1 + "\n");
        Path mail = Files.writeString(dir.resolve("mail.eml"), "Subject: digest\r\n\r\nhello\r\n");
        try (ListenerFixture fixture = new ListenerFixture(dir)) {
            ListenerActivationSpec spec = ListenerFixture.spec();
            spec.setListenerType("HTTP_Listener");
            spec.setEnableAuthentication(true);
            spec.setAuthDigestMD5Parameters("[ uri = \"digest://" + htdigest + "\" realm = inject ]");
            fixture.start(spec);
            String url = "http://127.0.0.1:" + ListenerFixture.port(spec) + MESSAGES;

            assertEquals("200", curl(dir, "alice:s3cret", mail, url));
            ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals("alice", received.session().authenticatedUser());
            assertEquals("401", curl(dir, "alice:wrong", mail, url));
        }
    }

    /** The final status curl --digest got. */
    private static String curl(Path dir, String user, Path mail, String url) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--digest", "-u", user, "-H", "Content-Type: message/rfc822",
                "--data-binary", "@" + mail, "-o", dir.resolve("body").toString(), "-w", "%{http_code}", url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        return status;
    }
}
