package org.mtalistener.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.mtalistener.ecstream.client.EcstreamClient;
import org.mtalistener.ecstream.client.Envelope;
import org.mtalistener.ecstream.client.MessageReply;

/**
 * Group commit as a container must run it, the same on every server: one ECStream producer pipelines 40 messages to
 * a {@link GroupCommittingMdb}; they reach the MDB in batches (at least one of more than one message, which the
 * {@code count} messages report), the one it refuses alone is refused and not stored, every other one is accepted and
 * stored exactly once; a batch whose call fails is answered TEMPFAIL and leaves nothing stored.
 */
public final class GroupCommitScenario {

    private static final int MESSAGES = 40;

    private GroupCommitScenario() {
    }

    /** Runs it against the {@link GroupCommittingMdb} whose ECStream listener is on {@code port}. */
    public static void run(int port) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<MessageReply>> replies = new ArrayList<>();
        try (EcstreamClient producer = EcstreamClient.connect("127.0.0.1", port)) {
            for (int i = 0; i < MESSAGES; i++) {
                String token = TestMessages.token();
                byte[] raw = TestMessages.simple(token);
                tokens.add(token);
                sent.add(raw);
                replies.add(producer.send(new Envelope("producer@client.test", List.of(recipient(i))), raw));
            }
            int largest = 0;
            for (int i = 0; i < MESSAGES; i++) {
                MessageReply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                switch (recipient(i).replaceFirst("@.*", "")) {
                    case "refuse" -> {
                        assertEquals(MessageReply.Status.PERMFAIL, reply.status(), reply.toString());
                        assertEquals(GroupCommittingMdb.REFUSAL, reply.text());
                        assertEquals(List.of(), Mailbox.containing(tokens.get(i)));
                    }
                    case "count" -> {
                        assertEquals(MessageReply.Status.PERMFAIL, reply.status(), reply.toString());
                        assertTrue(reply.text().startsWith(GroupCommittingMdb.COUNT_TEXT + " "), reply.text());
                        largest = Math.max(largest, Integer.parseInt(reply.text().replaceFirst(".* ", "")));
                        assertEquals(List.of(), Mailbox.containing(tokens.get(i)));
                    }
                    default -> {
                        assertTrue(reply.accepted(), reply.toString());
                        assertStoredExactly(tokens.get(i), sent.get(i));
                    }
                }
            }
            assertTrue(largest > 1, "pipelined messages reach the MDB in batches; the largest counted: " + largest);
        }
        String token = TestMessages.token();
        try (EcstreamClient producer = EcstreamClient.connect("127.0.0.1", port)) {
            MessageReply reply = producer.send(new Envelope("producer@client.test", List.of("fail@server.test")),
                    TestMessages.simple(token)).get(60, TimeUnit.SECONDS);
            assertEquals(MessageReply.Status.TEMPFAIL, reply.status(), reply.toString());
            assertEquals(List.of(), Mailbox.containing(token));
        }
    }

    /**
     * The same over SMTP: 6 clients at once, 5 messages each on a connection of its own, to a
     * {@link GroupCommittingMdb} on {@code port}, one of them refused alone; each sender gets its own reply (the
     * messages an event loop reads together go in one call), and exactly the accepted ones are stored, once.
     */
    public static void runSmtp(int port) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                sent.add(clients.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String token = TestMessages.token();
                        boolean refused = client == 2 && i == 3;
                        SmtpSend.Result result = SmtpSend.send(port, TestMessages.simple(token), "s@client.test",
                                (refused ? "refuse" : "ok") + "@server.test");
                        if (refused) {
                            assertEquals(550, result.code(), result.reply());
                            assertTrue(result.reply().contains(GroupCommittingMdb.REFUSAL), result.reply());
                            assertEquals(List.of(), Mailbox.containing(token));
                        } else {
                            assertEquals(250, result.code(), result.reply());
                            assertStoredExactly(token, result.sent());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : sent) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every fourth message counts its batch; the seventh is refused alone; the others are stored. */
    private static String recipient(int i) {
        return (i == 7 ? "refuse" : i % 4 == 3 ? "count" : "ok") + "@server.test";
    }
}
