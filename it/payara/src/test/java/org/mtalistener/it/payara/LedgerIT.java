package org.mtalistener.it.payara;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.StoreOnCommit;
import org.mtalistener.it.ledger.Ledger;
import org.mtalistener.it.ledger.LedgerClient;
import org.mtalistener.it.ledger.LedgerMdb;
import org.mtalistener.it.ledger.Reconciliation;
import org.mtalistener.it.ledger.Reconciliation.Tally;
import org.mtalistener.sample.Maildir;

/**
 * The no-loss ledger, small ({@code bench/faults.sh} runs it big, with a {@code kill -9} too): a few thousand
 * numbered messages from several threads to the ledger's MDB, which throws for 5 % and rolls back 5 %, while the MDB
 * is undeployed and deployed again (Payara Micro managed: its instance stops, a new one starts). Nothing answered
 * 250 may be missing from the Maildir; every fault that got a reply got a 4xx and left nothing stored. The MDB
 * listens on 127.0.0.1:{@value LedgerMdb#PORT}.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {

    private static final String DEPLOYMENT = "ledger";
    private static final int MESSAGES = 3000;
    private static final int THREADS = 8;

    @ArquillianResource
    private Deployer deployer;

    /** The ledger's MDB alone with what it stores through: no descriptors, so no other listener binds. */
    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static JavaArchive ledgerMdb() {
        return ShrinkWrap.create(JavaArchive.class, "ledger.jar")
                .addPackage(LedgerMdb.class.getPackage())
                .addClasses(StoreOnCommit.class, Maildir.class);
    }

    @Test
    void nothingAcknowledgedIsLostAcrossFaultsAndARedeployment() throws Exception {
        long before = storedCount();
        deployer.deploy(DEPLOYMENT);
        CompletableFuture<Ledger> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return new LedgerClient("127.0.0.1", LedgerMdb.PORT, THREADS).send(MESSAGES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofMinutes(10)).until(() -> storedCount() - before >= MESSAGES / 3 || sending.isDone());
        // the Deployer must be called from the test's own thread
        deployer.undeploy(DEPLOYMENT);
        deployer.deploy(DEPLOYMENT);
        Ledger ledger = sending.get();
        deployer.undeploy(DEPLOYMENT);

        Reconciliation result = ledger.reconcile(Mailbox.ROOT);
        String report = result.toString();
        assertEquals(0, result.count(Tally.LOST), report);
        assertEquals(0, result.count(Tally.FAULTS_NOT_4XX), report);
        assertEquals(0, result.count(Tally.FAULTS_STORED), report);
        assertTrue(result.promiseKept(), report);
        assertTrue(result.count(Tally.FAULTS_REFUSED) > 0, "no fault was injected: " + report);

        // The redeployment fell in the middle of the run: messages went unsent or unanswered, and later ones were
        // acknowledged again by the new deployment.
        List<Integer> cut = Stream.concat(result.numbers(Tally.NOT_SENT).stream(),
                result.numbers(Tally.NO_REPLY).stream()).sorted().toList();
        assertTrue(!cut.isEmpty(), "the redeployment cut nothing short, so the test proved nothing: " + report);
        List<Integer> acknowledged = result.numbers(Tally.ACKNOWLEDGED);
        assertTrue(acknowledged.get(acknowledged.size() - 1) > cut.get(0),
                "nothing acknowledged after the redeployment: " + report);
    }

    private static long storedCount() throws IOException {
        Path fresh = Mailbox.ROOT.resolve("new");
        if (!Files.isDirectory(fresh)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(fresh)) {
            return files.count();
        }
    }
}
