package org.mtalistener.it.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.it.ledger.Reconciliation.Tally;

class ReconciliationTest {

    private static final String RUN = "run-test";

    @TempDir
    Path maildir;

    private int files;

    @Test
    void everyAcknowledgedMessageStoredKeepsThePromise() throws IOException {
        Ledger ledger = new Ledger(RUN, 3);
        ledger.record(0, accepted("Q0"));
        ledger.record(1, accepted("Q1"));
        ledger.record(2, new Outcome(Outcome.Kind.TEMPORARY, 451, "451 4.3.0 try again"));
        store(0, "Q0");
        store(1, "Q1");

        Reconciliation result = ledger.reconcile(maildir);

        assertTrue(result.promiseKept(), result.toString());
        assertEquals("acknowledged 2, stored 2, lost 0, 4xx 1, 5xx 0, no reply 0, not sent 0, faults injected 0,"
                + " faults answered 4xx 0, faults answered otherwise 0, faults stored 0, stored without reply 0,"
                + " stored though refused 0, stored though not sent 0, stored twice 0, queue id mismatch 0",
                result.summary());
    }

    @Test
    void anAcknowledgedMessageMissingFromTheStoreIsLost() throws IOException {
        Ledger ledger = new Ledger(RUN, 2);
        ledger.record(0, accepted("Q0"));
        ledger.record(1, accepted("Q1"));
        store(0, "Q0");

        Reconciliation result = ledger.reconcile(maildir);

        assertFalse(result.promiseKept());
        assertEquals(List.of(1), result.numbers(Tally.LOST));
        assertTrue(result.details().get(0).startsWith("BREACH lost 1: answered 250, not in the Maildir; e.g. #1"),
                result.details().toString());
    }

    @Test
    void faultsMustBeRefusedAndUnstored() throws IOException {
        // 7 is a THROW, 13 a ROLLBACK
        Ledger ledger = new Ledger(RUN, 14);
        for (int n = 0; n < 14; n++) {
            ledger.record(n, new Outcome(Outcome.Kind.NOT_SENT, 0, "refused"));
        }
        ledger.record(7, accepted("Q7"));
        ledger.record(13, new Outcome(Outcome.Kind.TEMPORARY, 451, "451 4.3.0 try again"));
        store(7, "Q7");
        store(13, "Q13");

        Reconciliation result = ledger.reconcile(maildir);

        assertFalse(result.promiseKept());
        assertEquals(List.of(7), result.numbers(Tally.FAULTS_NOT_4XX));
        assertEquals(List.of(7, 13), result.numbers(Tally.FAULTS_STORED));
        assertEquals(List.of(13), result.numbers(Tally.STORED_THOUGH_REFUSED));
    }

    @Test
    void aReplyLostWithTheServerExplainsAStoredCopyAndOtherRunsAreIgnored() throws IOException {
        Ledger ledger = new Ledger(RUN, 2);
        ledger.record(0, new Outcome(Outcome.Kind.NO_REPLY, 0, "connection reset"));
        ledger.record(1, accepted("Q1"));
        store(0, "Q0");
        store(1, "Q1");
        store(1, "Q1b");
        Files.write(maildir.resolve("new/other"), LedgerMessage.compose("run-other", 0, Fault.NONE));

        Reconciliation result = ledger.reconcile(maildir);

        assertTrue(result.promiseKept(), result.toString());
        assertEquals(List.of(0), result.numbers(Tally.STORED_WITHOUT_REPLY));
        assertEquals(List.of(1), result.numbers(Tally.STORED_TWICE));
        assertEquals(2, result.count(Tally.STORED));
    }

    @Test
    void theStoredCopyMustCarryTheAcknowledgedQueueId() throws IOException {
        Ledger ledger = new Ledger(RUN, 1);
        ledger.record(0, accepted("Q0"));
        store(0, "QX");

        assertEquals(List.of(0), ledger.reconcile(maildir).numbers(Tally.WRONG_QUEUE_ID));
    }

    @Test
    void aClusterStoresInAnyOfItsNodesMaildirs(@TempDir Path otherNode) throws IOException {
        Ledger ledger = new Ledger(RUN, 3, false);
        ledger.record(0, accepted("Q0"));
        ledger.record(1, accepted("Q1"));
        ledger.record(2, accepted("Q2"));
        store(maildir, 0, "Q0");
        store(otherNode, 1, "Q1");

        Reconciliation result = ledger.reconcile(maildir, otherNode);

        assertEquals(List.of(0, 1), result.numbers(Tally.STORED));
        assertEquals(List.of(2), result.numbers(Tally.LOST));
    }

    @Test
    void aRunWithoutFaultsAsksForNone() throws IOException {
        Ledger ledger = new Ledger(RUN, 14, false);
        for (int n = 0; n < 14; n++) {
            ledger.record(n, accepted("Q" + n));
            store(maildir, n, "Q" + n);
        }

        Reconciliation result = ledger.reconcile(maildir);

        assertEquals(Fault.NONE, ledger.fault(7));
        assertEquals(0, result.count(Tally.FAULTS));
        assertTrue(result.promiseKept(), result.toString());
    }

    @Test
    void theMdbReadsTheFaultFromItsHeader() {
        assertEquals(Fault.THROW, Fault.of(LedgerMessage.header(LedgerMessage.compose(RUN, 7, Fault.THROW),
                LedgerMessage.FAULT_HEADER)));
        assertEquals(Fault.ROLLBACK, Fault.of(LedgerMessage.header(LedgerMessage.compose(RUN, 13, Fault.ROLLBACK),
                LedgerMessage.FAULT_HEADER)));
        assertEquals(Fault.NONE, Fault.of(LedgerMessage.header(LedgerMessage.compose(RUN, 1, Fault.NONE),
                LedgerMessage.FAULT_HEADER)));
        assertEquals(Fault.NONE, Fault.of(LedgerMessage.header(
                "Subject: x\r\n\r\nX-Ledger-Fault: throw\r\n".getBytes(StandardCharsets.US_ASCII),
                LedgerMessage.FAULT_HEADER)), "a header line in the body is no header");
    }

    private static Outcome accepted(String queueId) {
        return new Outcome(Outcome.Kind.ACCEPTED, 250, "250 2.0.0 OK queued as " + queueId);
    }

    /** Stores message {@code number} as the adapter would: its Received header (folded, with the id) first. */
    private void store(int number, String queueId) throws IOException {
        store(maildir, number, queueId);
    }

    private void store(Path into, int number, String queueId) throws IOException {
        Files.createDirectories(into.resolve("new"));
        String received = "Received: from ledger.client.test ([127.0.0.1] port 4000)\r\n"
                + "\tby localhost (MTA Listener Adapter) with ESMTP id " + queueId + "\r\n"
                + "\tfor <ledger@server.test>; Thu, 3 Dec 2026 08:00:00 +0000\r\n";
        byte[] message = LedgerMessage.compose(RUN, number, Fault.forNumber(number));
        byte[] content = new byte[received.length() + message.length];
        System.arraycopy(received.getBytes(StandardCharsets.US_ASCII), 0, content, 0, received.length());
        System.arraycopy(message, 0, content, received.length(), message.length);
        Files.write(into.resolve("new/" + files++), content);
    }
}
