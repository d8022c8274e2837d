package org.mtalistener.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: UP while every Listen listens; DOWN while any failed to bind, is disabled (console or JMX),
 * or when the adapter has no Listen at all. A load balancer sends mail only to a node that is UP.
 */
@Readiness
@ApplicationScoped
public class ListensReady implements HealthCheck {

    static final String NAME = "mta-listener-listens";

    private final Listens listens;

    public ListensReady() {
        this(Listens.platform());
    }

    ListensReady(Listens listens) {
        this.listens = listens;
    }

    @Override
    public HealthCheckResponse call() {
        List<ObjectName> names = listens.names();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = !names.isEmpty();
        for (ObjectName listen : names) {
            String state = state(listen);
            up &= state.equals("listening");
            response.withData(Listens.label(listen), state);
        }
        return response.status(up).build();
    }

    private String state(ObjectName listen) {
        if (!Boolean.TRUE.equals(listens.attribute(listen, "Enabled"))) {
            return "disabled";
        }
        return Boolean.TRUE.equals(listens.attribute(listen, "Listening")) ? "listening" : "not listening";
    }
}
