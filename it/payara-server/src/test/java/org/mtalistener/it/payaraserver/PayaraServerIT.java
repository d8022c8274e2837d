package org.mtalistener.it.payaraserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtalistener.it.ListeningSockets;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.SmtpSend;

/**
 * The full Payara Server 6, as an operator runs it: a domain created and started with asadmin, a thread pool given
 * to the adapter, the RAR deployed,
 * then the sample MDB (its descriptors written from this module's conf) and the health WAR; mail sent with Jakarta
 * Mail is stored by the MDB; the domain listens on loopback only; undeploying the MDB closes its Listen.
 */
class PayaraServerIT {

    private static final Logger LOG = Logger.getLogger(PayaraServerIT.class.getName());
    private static final int SMTP_PORT = Ports.PAYARA_SERVER_SAMPLE;
    private static final String RAR = "mta-listener"; // the name the sample's glassfish-ejb-jar.xml binds to
    private static final String MDB = "sample-mdb";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final PayaraDomain DOMAIN = new PayaraDomain(Path.of(System.getProperty("it.payaraHome")),
            Path.of(System.getProperty("it.domainDir")), Ports.PAYARA_SERVER_PORT_BASE);

    @BeforeAll
    static void startAndDeploy() throws Exception {
        long started = System.nanoTime();
        DOMAIN.create("-Dsample.maildir=" + Mailbox.ROOT);
        DOMAIN.start();
        // the adapter's own thread pool, as docs/operations.md has it, before the RAR
        DOMAIN.remote("create-threadpool", "--maxthreadpoolsize=64", "--minthreadpoolsize=8", "mta-listener-pool");
        DOMAIN.remote("create-resource-adapter-config", "--threadpoolid=mta-listener-pool", RAR);
        DOMAIN.deploy(Path.of(System.getProperty("it.rar")), RAR);
        DOMAIN.deploy(Path.of(System.getProperty("it.sampleMdb")), MDB);
        DOMAIN.deploy(Path.of(System.getProperty("it.healthWar")), "mta-listener-health");
        LOG.info(() -> "Payara Server domain created, started and deployed to in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; its log: " + DOMAIN.log());
    }

    @AfterAll
    static void stop() throws Exception {
        DOMAIN.stop();
    }

    @Test
    void mailSentWithJakartaMailIsStoredByteForByte() throws Exception {
        for (String body : new String[] {"Hello Payara Server.\r\n", "..dot-stuffed line\r\n.\r\n8-bit: \u00e9t\u00e9\r\n"}) {
            String token = token();
            byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit", body);
            SmtpSend.Result result = SmtpSend.send(SMTP_PORT, raw, "sender@client.test", "a@server.test");
            assertEquals(250, result.code(), result.reply());
            assertStoredExactly(token, result.sent());
        }
    }

    @Test
    void theHealthWarAnswersOnTheServersHttpPort() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"ESMTP_Listener 127.0.0.1:" + SMTP_PORT + "\":\"listening\""),
                ready.body());
        assertTrue(SmtpSend.send(SMTP_PORT, simple(token()), "s@client.test", "r@server.test").accepted());
        String metrics = get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("mta_listener_messages_accepted{")
                && line.contains("listen=\"127.0.0.1:" + SMTP_PORT + "\"") && !line.endsWith(" 0")), metrics);
    }

    @Test
    void everySocketOfTheServerIsOnLoopback() throws Exception {
        Set<String> sockets = ListeningSockets.of(DOMAIN.pid());
        assertTrue(sockets.stream().allMatch(s -> s.startsWith("127.0.0.1:")), "Payara Server listens on " + sockets);
        for (int port : new int[] {DOMAIN.adminPort(), DOMAIN.httpPort(), SMTP_PORT}) {
            assertTrue(sockets.contains("127.0.0.1:" + port), port + " in " + sockets);
        }
    }

    @Test
    void undeployingTheMdbClosesItsListenAndDeployingItAgainOpensIt() throws Exception {
        DOMAIN.undeploy(MDB);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThrows(ConnectException.class, PayaraServerIT::connect));
        } finally {
            DOMAIN.deploy(Path.of(System.getProperty("it.sampleMdb")), MDB);
        }
        assertTrue(SmtpSend.send(SMTP_PORT, simple(token()), "s@client.test", "r@server.test").accepted());
    }

    private static void connect() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SMTP_PORT), 5000);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + DOMAIN.httpPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
