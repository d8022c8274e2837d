package org.mtalistener.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.token;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mtalistener.console.ConsoleConnection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.SmtpSend;

/** The EAR exactly as built (RAR + sample MDB) on WildFly's standalone-full profile. */
@ExtendWith(ArquillianExtension.class)
class EarOnWildFlyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        // The name matters: the MDB's jboss-ejb3.xml binds to "mta-listener.ear#mta-listener.rar".
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void messagesAreStoredByteForByte() throws Exception {
        for (String body : new String[] {"Hello WildFly.\r\n", "..dot-stuffed line\r\n.\r\n8-bit: \u00e9t\u00e9\r\n"}) {
            String token = token();
            byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit", body);
            SmtpSend.Result result = SmtpSend.send(2525, raw, "sender@client.test", "a@server.test", "b@server.test");
            assertEquals(250, result.code(), result.reply());
            assertStoredExactly(token, result.sent());
        }
    }

    @Test
    void theConsoleRunsOnItsUnixSocketWithTheSamplesCommand() throws Exception {
        // the default conf's Control_Listener; its MDB (a ControlListener) answers "maildir"
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of("/tmp/2025")));
        try (ConsoleConnection console = ConsoleConnection.open("/tmp/2025")) {
            String summary = console.run("summary");
            assertTrue(summary.contains("ESMTP_Listener 127.0.0.1:2525"), summary);
            assertTrue(console.run("maildir").matches("(?s)\\d+ messages? in .*new\\n"));
        }
    }
}
