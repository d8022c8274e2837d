package org.mtalistener.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentWatchTest {

    private static final String READY = "[2026-11-22T10:00:00.000+0000] [] [INFO] [] [PayaraMicro] [tid: _ThreadID=1] "
            + "Payara Micro  6.2025.10 #badassmicrofish (build 123) ready in 9,123 (ms)";
    private static final String RAR_DEPLOYED = "[INFO] mta-listener was successfully deployed in 1,234 milliseconds.";
    private static final String MDB_DEPLOYED = "[INFO] sample-mdb was successfully deployed in 2,345 milliseconds.";
    private static final String CANNOT_LISTEN =
            "SEVERE: ESMTP_Listener 127.0.0.1:2525: cannot listen on /127.0.0.1:2525: Address already in use";

    private final DeploymentWatch watch = new DeploymentWatch(Set.of("mta-listener", "sample-mdb"));

    @Test
    void runsWhenEveryApplicationDeployedBeforeReady() {
        watch.accept(RAR_DEPLOYED);
        watch.accept("INFO: ESMTP_Listener 127.0.0.1:2525: listening on /127.0.0.1:2525, delivering to SampleMailMdb (x)");
        watch.accept(MDB_DEPLOYED);
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept(READY));
        assertEquals(List.of("ESMTP_Listener 127.0.0.1:2525 listening on /127.0.0.1:2525 for SampleMailMdb (x)"),
                watch.listeners());
    }

    @Test
    void readyWithoutTheMdbIsAFailure() {
        watch.accept(RAR_DEPLOYED);
        watch.accept("[SEVERE] Exception while deploying the app [sample-mdb] : java.lang.RuntimeException: boom");
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(READY));
        assertTrue(watch.failure().contains("not deployed: sample-mdb"), watch.failure());
        assertTrue(watch.failure().contains("Exception while deploying the app [sample-mdb]"), watch.failure());
    }

    @Test
    void readyMissingAnApplicationIsAFailure() {
        watch.accept(RAR_DEPLOYED);
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(READY));
        assertEquals("not deployed: sample-mdb", watch.failure());
    }

    @Test
    void aSocketThatCannotBeBoundFailsTheRunAtOnce() {
        watch.accept(RAR_DEPLOYED);
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(CANNOT_LISTEN));
        assertTrue(watch.failure().contains("cannot listen on /127.0.0.1:2525"), watch.failure());
    }

    @Test
    void payarasOwnSevereFailsTheStartWithItsMessageAsTheReason() {
        // Payara Micro's HTTP port taken: it says so, then "Failed to start" and never "ready"
        assertEquals(DeploymentWatch.State.STARTING, watch.accept("[2026-12-03T08:01:28.825+0000] [] [SEVERE] [] "
                + "[fish.payara.micro.impl.PayaraMicroImpl] [tid: _ThreadID=1] [levelValue: 1000] [["));
        assertEquals(DeploymentWatch.State.STARTING,
                watch.accept("  Failed to start, exiting java.net.BindException: Address already in use"));
        assertEquals(DeploymentWatch.State.STARTING,
                watch.accept("\tat java.base/sun.nio.ch.Net.bind0(Native Method)"));
        assertEquals(DeploymentWatch.State.FAILED, watch.accept("]]"));
        assertTrue(watch.failure().contains("[SEVERE]"), watch.failure());
        assertTrue(watch.failure().contains("Failed to start, exiting java.net.BindException: Address already in use"),
                watch.failure());
    }

    @Test
    void payaraMicrosColouredLevelsAreRead() {
        String colouredSevere = "[2026-12-03T08:05:05.361+0000] [] [\u001b[1;91mSEVERE\u001b[0m] [] [\u001b[1;94m"
                + "org.mtalistener.ra.ListenSocket\u001b[0m] [levelValue: 1000] ESMTP_Listener 127.0.0.1:2525: cannot "
                + "listen on 127.0.0.1:2525: Address already in use";
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(colouredSevere));
        assertTrue(watch.failure().contains("[SEVERE] [] [org.mtalistener.ra.ListenSocket]"), watch.failure());
    }

    @Test
    void aLongSevereMessageIsCutToItsFirstLines() {
        watch.accept("[SEVERE] [x] [[");
        for (int i = 0; i < 3; i++) {
            assertEquals(DeploymentWatch.State.STARTING, watch.accept("line " + i));
        }
        assertEquals(DeploymentWatch.State.FAILED, watch.accept("line 3"));
        assertTrue(watch.failure().endsWith("line 0 line 1 line 2 line 3"), watch.failure());
    }

    @Test
    void anOutputThatEndsBeforeReadyIsAFailedStart() {
        watch.accept(RAR_DEPLOYED);
        assertEquals(DeploymentWatch.State.FAILED, watch.outputEnded());
        assertTrue(watch.failure().contains("Payara Micro ended before it was ready"), watch.failure());
    }

    /** A client can get text into the log (issue 10, finding 1): once the start is decided, no line is read. */
    @Test
    void linesAfterTheStartIsDecidedAreNotRead() {
        watch.accept(RAR_DEPLOYED);
        watch.accept(MDB_DEPLOYED);
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept(READY));
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept(CANNOT_LISTEN));
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept("[SEVERE] forged [["));
        assertEquals(DeploymentWatch.State.RUNNING,
                watch.accept("ESMTP_Listener x: listening on y, delivering to z " + "Q".repeat(1 << 20)));
        assertEquals(List.of(), watch.listeners());
        assertEquals("", watch.failure());
    }
}
