package org.mtalistener.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mtalistener.console.ConsoleConnection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.LocalJmx;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.RecipientCheckScenario;
import org.mtalistener.it.GroupCommitScenario;
import org.mtalistener.it.GroupCommittingMdb;
import org.mtalistener.it.RecipientCheckingMdb;
import org.mtalistener.it.StoreOnCommit;
import org.mtalistener.it.SmtpSend;

/**
 * The EAR as built (RAR + sample MDB) on WildFly's standalone-full profile, plus one module of test MDBs: the
 * sample's MDB and descriptors are untouched but for the default conf's sockets, moved to {@link Ports} (the same
 * on the default port base).
 */
@ExtendWith(ArquillianExtension.class)
class EarOnWildFlyIT {

    private static final String SAMPLE_LISTEN = "ESMTP_Listener 127.0.0.1:" + Ports.SAMPLE;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The health WAR on its own, after the EAR: WildFly's MicroProfile Health finds the checks of a top-level
     * deployment (inside the EAR, its /health/ready had only WildFly's own procedures).
     */
    @Deployment(name = "health", order = 2, testable = false)
    static WebArchive health() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.healthWar")));
    }

    @Deployment(name = "ear", order = 1, testable = false)
    static EnterpriseArchive ear() {
        // In the EAR, the test module sees the RAR's API and the sample's Maildir (subdeployments are not isolated).
        return new TestEar("it.ear")
                .withMdb("test-mdbs.jar", RecipientCheckTestMdb.class, RecipientCheckingMdb.class)
                .withMdb("group-commit-mdb.jar", GroupCommitTestMdb.class, GroupCommittingMdb.class,
                        StoreOnCommit.class)
                .withEjbJarRewritten("sample-mdb.jar", Map.of(
                        ">127.0.0.1:2525<", ">127.0.0.1:" + Ports.SAMPLE + "<",
                        ">127.0.0.1:1825<", ">127.0.0.1:" + Ports.SAMPLE_ECSTREAM + "<",
                        ">127.0.0.1:6280<", ">127.0.0.1:" + Ports.SAMPLE_QMQP + "<",
                        ">127.0.0.1:2081<", ">127.0.0.1:" + Ports.SAMPLE_HTTP + "<",
                        ">/tmp/2025<", ">" + Ports.CONSOLE_UNIX_SOCKET + "<"))
                .archive();
    }

    @Test
    void messagesAreStoredByteForByte() throws Exception {
        for (String body : new String[] {"Hello WildFly.\r\n", "..dot-stuffed line\r\n.\r\n8-bit: \u00e9t\u00e9\r\n"}) {
            String token = token();
            byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit", body);
            SmtpSend.Result result =
                    SmtpSend.send(Ports.SAMPLE, raw, "sender@client.test", "a@server.test", "b@server.test");
            assertEquals(250, result.code(), result.reply());
            assertStoredExactly(token, result.sent());
        }
    }

    @Test
    void theConsoleRunsOnItsUnixSocketWithTheSamplesCommand() throws Exception {
        // the default conf's Control_Listener; its MDB (a ControlListener) answers "maildir"
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(Ports.CONSOLE_UNIX_SOCKET)));
        try (ConsoleConnection console = ConsoleConnection.open(Ports.CONSOLE_UNIX_SOCKET)) {
            String summary = console.run("summary");
            assertTrue(summary.contains("ESMTP_Listener 127.0.0.1:" + Ports.SAMPLE), summary);
            assertTrue(console.run("maildir").matches("(?s)\\d+ messages? in .*new\\n"));
        }
    }

    /** As it/payara's DeliveryIT: WildFly calls checkRecipient through its endpoint proxy like Payara does. */
    @Test
    void theMdbsRecipientCheckRefusesSomeRecipientsAndTheMessageGoesToTheOthers() throws Exception {
        RecipientCheckScenario.run(RecipientCheckTestMdb.PORT);
    }

    /**
     * WildFly's standalone-full has no MicroProfile Metrics: the figures are the MXBeans, read over JMX from its
     * process, and readiness is MicroProfile Health on the management port, the health WAR's check naming each Listen.
     */
    @Test
    void theListensFiguresAreInJmxAndItsReadinessOnTheManagementPort() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"" + SAMPLE_LISTEN + "\":\"listening\""), ready.body());
        assertEquals(200, get("/health/live").statusCode());

        ObjectName listen = LocalJmx.esmtpListen(Ports.SAMPLE);
        try (JMXConnector connector = LocalJmx.connect(wildflyPid())) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            long accepted = number(jmx, listen, "MessagesAccepted");
            long timed = number(jmx, listen, "DeliveryTimeCount");
            assertTrue(SmtpSend.send(Ports.SAMPLE, simple(token()), "s@client.test", "r@server.test").accepted());
            assertEquals(accepted + 1, number(jmx, listen, "MessagesAccepted"));
            assertEquals(timed + 1, number(jmx, listen, "DeliveryTimeCount"));

            jmx.invoke(listen, "disable", null, null);
            try {
                HttpResponse<String> down = get("/health/ready");
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("\"" + SAMPLE_LISTEN + "\":\"disabled\""), down.body());
            } finally {
                jmx.invoke(listen, "enable", null, null);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready").statusCode() == 200);
        }
    }

    private static long number(MBeanServerConnection jmx, ObjectName listen, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(listen, attribute)).longValue();
    }

    /** The WildFly the Arquillian container started, a child of this JVM. */
    private static long wildflyPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly process below this JVM"))
                .pid();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + Ports.WILDFLY_MANAGEMENT + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchMailListenerTakesPipelinedMessagesInBatchesEachWithItsOwnOutcome() throws Exception {
        GroupCommitScenario.run(Ports.WILDFLY_BATCH);
    }
}
