package org.mtalistener.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentWatchTest {

    private static final String READY = "[2026-11-22T10:00:00.000+0000] [] [INFO] [] [PayaraMicro] [tid: _ThreadID=1] "
            + "Payara Micro  6.2025.10 #badassmicrofish (build 123) ready in 9,123 (ms)";

    private final DeploymentWatch watch = new DeploymentWatch(Set.of("mta-listener", "sample-mdb"));

    @Test
    void runsWhenEveryApplicationDeployedBeforeReady() {
        watch.accept("[INFO] mta-listener was successfully deployed in 1,234 milliseconds.");
        watch.accept("INFO: ESMTP_Listener 127.0.0.1:2525: listening on /127.0.0.1:2525, delivering to SampleMailMdb (x)");
        watch.accept("[INFO] sample-mdb was successfully deployed in 2,345 milliseconds.");
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept(READY));
        assertEquals(List.of("ESMTP_Listener 127.0.0.1:2525 listening on /127.0.0.1:2525 for SampleMailMdb (x)"),
                watch.listeners());
    }

    @Test
    void readyWithoutTheMdbIsAFailure() {
        watch.accept("[INFO] mta-listener was successfully deployed in 1,234 milliseconds.");
        watch.accept("[SEVERE] Exception while deploying the app [sample-mdb] : java.lang.RuntimeException: boom");
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(READY));
        assertTrue(watch.failure().contains("not deployed: sample-mdb"), watch.failure());
        assertTrue(watch.failure().contains("Exception while deploying the app [sample-mdb]"), watch.failure());
    }

    @Test
    void aSocketThatCannotBeBoundFailsTheRunEvenAfterReady() {
        watch.accept("[INFO] mta-listener was successfully deployed in 1,234 milliseconds.");
        watch.accept("[INFO] sample-mdb was successfully deployed in 2,345 milliseconds.");
        assertEquals(DeploymentWatch.State.RUNNING, watch.accept(READY));
        assertEquals(DeploymentWatch.State.FAILED, watch.accept(
                "SEVERE: ESMTP_Listener 127.0.0.1:2525: cannot listen on /127.0.0.1:2525: Address already in use"));
    }
}
