package org.mtalistener.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: UP while the server answers and its MBean server can be read. A disabled or unbound Listen
 * makes the node not ready, never not live: restarting it would not bring a port back that another program holds.
 */
@Liveness
@ApplicationScoped
public class AdapterAlive implements HealthCheck {

    private final Listens listens;

    public AdapterAlive() {
        this(Listens.platform());
    }

    AdapterAlive(Listens listens) {
        this.listens = listens;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mta-listener").up().withData("listens", listens.names().size()).build();
    }
}
