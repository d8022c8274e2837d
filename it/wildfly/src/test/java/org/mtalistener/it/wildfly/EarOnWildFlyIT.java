package org.mtalistener.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.token;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mtalistener.console.ConsoleConnection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.RecipientCheckScenario;
import org.mtalistener.it.RecipientCheckingMdb;
import org.mtalistener.it.SmtpSend;

/**
 * The EAR as built (RAR + sample MDB) on WildFly's standalone-full profile, plus one module of test MDBs: the
 * sample's MDB and descriptors are untouched but for the default conf's sockets, moved to {@link Ports} (the same
 * on the default port base).
 */
@ExtendWith(ArquillianExtension.class)
class EarOnWildFlyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        // In the EAR, the test module sees the RAR's API and the sample's Maildir (subdeployments are not isolated).
        return new TestEar("it.ear")
                .withMdb("test-mdbs.jar", RecipientCheckTestMdb.class, RecipientCheckingMdb.class)
                .withEjbJarRewritten("sample-mdb.jar", Map.of(
                        ">127.0.0.1:2525<", ">127.0.0.1:" + Ports.SAMPLE + "<",
                        ">127.0.0.1:1825<", ">127.0.0.1:" + Ports.SAMPLE_ECSTREAM + "<",
                        ">127.0.0.1:6280<", ">127.0.0.1:" + Ports.SAMPLE_QMQP + "<",
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
}
