package org.mtalistener.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.Ports;
import org.mtalistener.it.SmtpSend;

/**
 * The forwarding EAR as built (RAR + ForwardingMailMdb + its queue) on WildFly's standalone-full profile, whose
 * embedded ActiveMQ Artemis is the broker: every 250 is one message on the queue with the bytes sent, a delivery
 * that fails after sending (a throw, or rollback-only) is a 451 and leaves nothing there. The test adds a failing
 * subclass of the MDB on a port of its own and a web module that consumes the queue ({@link QueueReader}). The
 * adapter's own XA resource must have been prepared, as a branch of a two-phase commit (its FINE log says so).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(FineDeliveryLog.class)
class ForwardingOnWildFlyIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return new TestEar("it.forwarding.ear")
                .withEjbJarRewritten("sample-forwarding.jar",
                        Map.of(">127.0.0.1:2526<", ">127.0.0.1:" + Ports.FORWARDING + "<"))
                .withMdb("forwarding-faults.jar", ForwardingFaultMdb.class)
                .withWebModule(ShrinkWrap.create(WebArchive.class, "queue-reader.war").addClass(QueueReader.class),
                        "queue-reader")
                .archive();
    }

    @Test
    void every250IsOneMessageOnTheQueueWithTheBytesSent() throws Exception {
        Map<String, byte[]> sent = new LinkedHashMap<>();
        List<String> queueIds = new ArrayList<>();
        for (String body : new String[] {"Hello Artemis.\r\n", "..dot-stuffed line\r\n.\r\n8-bit: \u00e9t\u00e9\r\n",
                "x".repeat(200_000) + "\r\n"}) {
            String token = token();
            SmtpSend.Result result = SmtpSend.send(Ports.FORWARDING,
                    message(token, "text/plain; charset=UTF-8", "8bit", body), "sender@client.test", "a@server.test");
            assertEquals(250, result.code(), result.reply());
            sent.put(token, result.sent());
            queueIds.add(result.reply().substring(result.reply().lastIndexOf(' ') + 1).strip());
        }
        // written before the 250: the adapter's branch and the broker's were committed together, in two phases
        String log = FineDeliveryLog.serverLog();
        for (String queueId : queueIds) {
            assertTrue(log.contains(queueId + ": the transaction committed in two phases"), queueId + " in server.log");
        }
        String last = List.copyOf(sent.keySet()).get(sent.size() - 1);
        List<byte[]> read = readUntil(last);
        for (Map.Entry<String, byte[]> message : sent.entrySet()) {
            List<byte[]> holding = holding(read, message.getKey());
            assertEquals(1, holding.size(), message.getKey() + " on the queue");
            assertArrayEquals(message.getValue(), Mailbox.withoutReceivedHeader(holding.get(0)));
        }
    }

    @Test
    void aDeliveryThatThrowsAfterSendingLeavesNothingOnTheQueue() throws Exception {
        assertFailedDeliveryLeavesNothing(ForwardingFaultMdb.THROW);
    }

    @Test
    void aDeliveryMarkedRollbackOnlyAfterSendingLeavesNothingOnTheQueue() throws Exception {
        assertFailedDeliveryLeavesNothing(ForwardingFaultMdb.ROLLBACK);
    }

    /**
     * A failing delivery, then one that succeeds, through the same MDB: the queue is first in, first out, so had the
     * failed one been committed (before its 451), it would be read before the second.
     */
    private static void assertFailedDeliveryLeavesNothing(String failingRecipient) throws Exception {
        String failed = token();
        SmtpSend.Result refused =
                SmtpSend.send(ForwardingFaultMdb.PORT, simple(failed), "sender@client.test", failingRecipient);
        assertEquals(451, refused.code(), refused.reply());

        String accepted = token();
        SmtpSend.Result result =
                SmtpSend.send(ForwardingFaultMdb.PORT, simple(accepted), "sender@client.test", "a@server.test");
        assertEquals(250, result.code(), result.reply());

        List<byte[]> read = readUntil(accepted);
        assertTrue(holding(read, failed).isEmpty(), "the 451's message is on the queue");
        assertArrayEquals(result.sent(), Mailbox.withoutReceivedHeader(holding(read, accepted).get(0)));
    }

    /** Takes messages off the queue, in order, up to the first that holds {@code token}. */
    private static List<byte[]> readUntil(String token) throws IOException, InterruptedException {
        HttpRequest next = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Ports.WILDFLY_HTTP + "/queue-reader/next")).build();
        List<byte[]> read = new ArrayList<>();
        while (true) {
            HttpResponse<byte[]> response = HTTP.send(next, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), "no message holding " + token + " came within "
                    + QueueReader.WAIT + "; read before: " + read.size());
            read.add(response.body());
            if (!holding(List.of(response.body()), token).isEmpty()) {
                return read;
            }
        }
    }

    private static List<byte[]> holding(List<byte[]> messages, String token) {
        return messages.stream()
                .filter(m -> new String(m, StandardCharsets.ISO_8859_1).contains("Subject: " + token + "\r\n"))
                .toList();
    }
}
