package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;

/** {@link Batch}: replies in the order the messages came, and room for more only while little content is held. */
class BatchTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path spill;

    @Test
    void aReplyReadyEarlyWaitsForTheMessagesBeforeIt() {
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(Runnable::run, spill, 64), 0)) {
            ecstream.send(new ClientBytes().mail(1, "one")
                    .message(2, "a@x.example", "b y@z.example").data("x").end(2, 1)
                    .message(3, "a@x.example", "b@y.example").data("x").abort(3));
            assertEquals(List.of(), ecstream.frames(), "2 and 3 are refused already, but 1 is still with the MDB");
            ecstream.complete(0, new DeliveryOutcome.Accepted("x"));
            assertEquals(List.of("ACCEPTED 1", "PERMFAIL 2 501 5.1.3 invalid recipient address",
                    "TEMPFAIL 3 451 4.3.0 message aborted by the client"), ecstream.frames());
        }
    }

    @Test
    void contentHeldForItsDeliveryBeyondTheLimitStopsReadingUntilTheDeliveryEnds() {
        // All in memory: the limit is about heap, and no disk is involved.
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(
                () -> new ContentBuffer(Runnable::run, spill, 16 * MIB), 0)) {
            ClientBytes bytes = new ClientBytes().message(1, "a@x.example", "b@y.example");
            int chunks = (int) (Batch.HELD_BYTES_LIMIT / MIB);
            for (int i = 0; i < chunks; i++) {
                bytes.frame(0x11, new byte[MIB]);
            }
            ecstream.send(bytes.end(1, (long) chunks * MIB).mail(2, "two"));
            assertEquals(1, ecstream.deliveries.size());
            assertFalse(ecstream.reading(), "one message unanswered of 10, but it holds more than the limit");
            ecstream.complete(0, new DeliveryOutcome.Accepted("x"));
            assertEquals(List.of("ACCEPTED 1"), ecstream.frames());
            assertEquals(2, ecstream.deliveries.size(), "the message held back is read once the first is answered");
            assertTrue(ecstream.reading());
            ecstream.complete(1, new DeliveryOutcome.Accepted("x"));
            assertEquals(List.of("ACCEPTED 2"), ecstream.frames());
        }
    }

    @Test
    void withGroupCommitTheMessagesOfOneReadGoTogetherAndTheNextGroupGathersWhileItIsOut() {
        try (EmbeddedEcstream ecstream = new EmbeddedEcstream(() -> new ContentBuffer(Runnable::run, spill, 64), 0,
                true)) {
            ecstream.send(new ClientBytes().mail(1, "one").mail(2, "two").mail(3, "three"));
            assertEquals(1, ecstream.groups.size(), "one hand-over for the three messages of one read");
            assertEquals(3, ecstream.groups.get(0).messages().size());
            assertEquals(List.of(), ecstream.deliveries, "nothing one at a time");

            ecstream.send(new ClientBytes().mail(4, "four").mail(5, "five"));
            assertEquals(1, ecstream.groups.size(), "4 and 5 wait while the group is out");
            ecstream.complete(0, List.of(new DeliveryOutcome.Accepted("x"),
                    new DeliveryOutcome.Rejected(550, "5.7.1", "not this one"), new DeliveryOutcome.Accepted("x")));
            assertEquals(List.of("ACCEPTED 1", "PERMFAIL 2 550 5.7.1 not this one", "ACCEPTED 3"),
                    ecstream.frames(), "each message its own reply, in order");
            assertEquals(2, ecstream.groups.size(), "what gathered goes as the next group");
            assertEquals(2, ecstream.groups.get(1).messages().size());
            ecstream.complete(1, List.of(new DeliveryOutcome.Failed("rolled back"),
                    new DeliveryOutcome.Failed("rolled back")));
            assertEquals(List.of("TEMPFAIL 4 451 4.3.0 transaction failed",
                    "TEMPFAIL 5 451 4.3.0 transaction failed"), ecstream.frames());
        }
    }
}
