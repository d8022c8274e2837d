package org.mtalistener.it.wildfly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Logs the delivery's per-message detail (FINE, WildFly's DEBUG) into server.log while a test class runs, for a test
 * that reads what the adapter saw of a transaction's commit.
 */
public class FineDeliveryLog implements ServerSetupTask {

    private static final ModelNode LOGGER =
            Operations.createAddress("subsystem", "logging", "logger", "org.mtalistener.delivery");

    /** server.log as the test's WildFly writes it (failsafe names it). */
    static String serverLog() throws IOException {
        return Files.readString(Path.of(System.getProperty("it.wildfly.log")));
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ModelNode add = Operations.createAddOperation(LOGGER);
        add.get("level").set("DEBUG");
        execute(client, add);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        execute(client, Operations.createRemoveOperation(LOGGER));
    }

    private static void execute(ManagementClient client, ModelNode operation) throws IOException {
        ModelNode result = client.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }
}
