package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.ecstream.client.EcstreamClient;
import org.mtalistener.ecstream.client.Envelope;
import org.mtalistener.ecstream.client.MessageReply;
import org.mtalistener.mgmt.ListenerStats;

/**
 * Blackhole through an activation: every message is acknowledged and counted as usual, the MDB never sees one, and
 * {@code store} leaves nothing behind in the spill directory.
 */
class BlackholeOnTheWireTest {

    private static final String TWO_MESSAGES = "EHLO client.test\r\n"
            + "MAIL FROM:<a@client.test>\r\nRCPT TO:<b@server.test>\r\nRCPT TO:<c@server.test>\r\nDATA\r\n"
            + "Subject: one\r\n\r\n" + "x".repeat(3000) + "\r\n.\r\n"
            + "MAIL FROM:<a@client.test>\r\nRCPT TO:<b@server.test>\r\nDATA\r\nSubject: two\r\n\r\nbody\r\n.\r\n"
            + "QUIT\r\n";

    @TempDir
    Path spill;

    private ListenerFixture fixture;
    private ListenerActivationSpec spec;

    @BeforeEach
    void fixture() {
        fixture = new ListenerFixture(spill);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void discardAcknowledgesEveryMessageAndCountsItWithoutTheMdb() throws Exception {
        ListenerActivation activation = smtpBlackhole("discard");

        List<String> replies = ListenerFixture.replies(ListenerFixture.port(spec), "127.0.0.1", TWO_MESSAGES);

        assertEquals(2, replies.stream().filter(line -> line.startsWith("250 2.0.0 OK queued as ")).count(), replies.toString());
        // the MDB would have been called before the 250 went out
        assertTrue(fixture.received.isEmpty(), "the MDB is never called");
        ListenerStats.Snapshot stats = activation.stats().snapshot();
        assertEquals(2, stats.accepted());
        // the first message's content came with its Received header, which is more than what the client sent
        assertTrue(stats.bytesAccepted() > 3000 + "Subject: two\r\n\r\nbody\r\n".length(), stats.toString());
    }

    @Test
    void storeWritesEachMessageAndLeavesNothingBehind() throws Exception {
        ListenerActivation activation = smtpBlackhole("store");

        List<String> replies = ListenerFixture.replies(ListenerFixture.port(spec), "127.0.0.1", TWO_MESSAGES);

        assertEquals(2, replies.stream().filter(line -> line.startsWith("250 2.0.0 OK queued as ")).count(), replies.toString());
        assertEquals(2, activation.stats().snapshot().accepted());
        assertTrue(fixture.received.isEmpty());
        ListenerFixture.await(() -> filesIn(spill) == 0);
    }

    @Test
    void storeOnADiskThatFailsIsATemporaryFailureAsForADurableStore() throws Exception {
        // no spill directory: the black hole cannot write, and must not pretend it did
        fixture.close();
        fixture = new ListenerFixture(spill.resolve("missing"));
        ListenerActivation activation = smtpBlackhole("store");

        List<String> replies = ListenerFixture.replies(ListenerFixture.port(spec), "127.0.0.1", TWO_MESSAGES);

        assertTrue(replies.stream().anyMatch(line -> line.startsWith("451 4.3.0")), replies.toString());
        assertEquals(0, replies.stream().filter(line -> line.startsWith("250 2.0.0 OK queued as ")).count(), replies.toString());
        assertEquals(0, activation.stats().snapshot().accepted());
    }

    @Test
    void anEcstreamProducerIsAcknowledgedByTheBlackHole() throws Exception {
        spec = ListenerFixture.spec();
        spec.setListenerType("ECStream_Listener");
        spec.setBlackhole("discard");
        ListenerActivation activation = fixture.start(spec);

        try (EcstreamClient producer = EcstreamClient.connect("127.0.0.1", ListenerFixture.port(spec))) {
            for (int i = 0; i < 3; i++) {
                MessageReply reply = producer.send(new Envelope("p@client.test", List.of("r@server.test")),
                        ("Subject: n" + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII))
                        .get(10, TimeUnit.SECONDS);
                assertTrue(reply.accepted(), reply.toString());
            }
        }
        assertEquals(3, activation.stats().snapshot().accepted());
        assertTrue(fixture.received.isEmpty());
    }

    @Test
    void theConsoleCannotSwitchTheBlackHoleOfARunningListener() throws Exception {
        ListenerActivation activation = smtpBlackhole("discard");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> activation.set("Blackhole", "off"));
        assertTrue(refused.getMessage().startsWith("Blackhole is decided when the listener starts"), refused.getMessage());
    }

    private ListenerActivation smtpBlackhole(String mode) throws Exception {
        spec = ListenerFixture.spec();
        spec.setBlackhole(mode);
        return fixture.start(spec);
    }

    private static long filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
