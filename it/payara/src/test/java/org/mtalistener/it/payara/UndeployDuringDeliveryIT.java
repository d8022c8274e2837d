package org.mtalistener.it.payara;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.SmtpSend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying (stopping Payara Micro) while one message is inside the MDB and two more wait behind it: whatever
 * happens, no sender is told "accepted" for a message that was not stored.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployDuringDeliveryIT {

    private static final String DEPLOYMENT = "slow";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static JavaArchive slowMdb() {
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("it.sampleMdbJar")))
                .addClasses(SlowMdb.class);
    }

    @Test
    void noAcceptanceForAnUnstoredMessage() throws Exception {
        Path signals = Mailbox.ROOT.getParent();
        Files.createDirectories(signals);
        Files.deleteIfExists(signals.resolve(SlowMdb.RELEASE));
        deployer.deploy(DEPLOYMENT);

        List<String> tokens = new ArrayList<>();
        List<CompletableFuture<SmtpSend.Result>> sends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = "undeploy-" + UUID.randomUUID();
            tokens.add(token);
            byte[] raw = ("Subject: " + token + "\r\n\r\nheld by the slow MDB\r\n").getBytes(StandardCharsets.US_ASCII);
            sends.add(CompletableFuture.supplyAsync(() -> send(raw)));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> startedDeliveries(signals) >= 1);

        // Once the listener stops accepting, the undeployment has begun: let the MDB finish while it is under way.
        // (The Deployer must be called from the test's own thread.)
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofMinutes(1)).until(() -> !accepting(SlowMdb.PORT));
            try {
                Files.createFile(signals.resolve(SlowMdb.RELEASE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        deployer.undeploy(DEPLOYMENT);
        release.get();

        int accepted = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SmtpSend.Result result = sends.get(i).get();
            if (result.accepted()) {
                accepted++;
                assertEquals(1, Mailbox.containing(tokens.get(i)).size(), "acknowledged but not stored: " + tokens.get(i));
            } else {
                assertTrue(result.code() >= 400 && result.code() < 500, "not a temporary failure: " + result.reply());
            }
        }
        assertTrue(accepted < tokens.size(), "the undeployment cut nothing short, so the test proved nothing");
    }

    private static SmtpSend.Result send(byte[] raw) {
        try {
            return SmtpSend.send(SlowMdb.PORT, raw, "s@client.test", "slow@server.test");
        } catch (Exception e) {
            // a dropped connection is a temporary failure for the sender: it retries
            return new SmtpSend.Result(421, "connection lost: " + e, raw);
        }
    }

    private static long startedDeliveries(Path signals) throws IOException {
        try (Stream<Path> files = Files.list(signals)) {
            return files.filter(f -> f.getFileName().toString().startsWith(SlowMdb.STARTED)).count();
        }
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
