package org.mtalistener.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The responses a server's MicroProfile Health would build, for checks called outside a server. */
final class PlainResponses extends HealthCheckResponseBuilder {

    private String name;
    private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
    private final Map<String, Object> data = new LinkedHashMap<>();

    static void install() {
        HealthCheckResponse.setResponseProvider(PlainResponses::new);
    }

    @Override
    public HealthCheckResponseBuilder name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, String value) {
        return put(key, value);
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, long value) {
        return put(key, value);
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, boolean value) {
        return put(key, value);
    }

    private HealthCheckResponseBuilder put(String key, Object value) {
        data.put(key, value);
        return this;
    }

    @Override
    public HealthCheckResponseBuilder up() {
        return status(true);
    }

    @Override
    public HealthCheckResponseBuilder down() {
        return status(false);
    }

    @Override
    public HealthCheckResponseBuilder status(boolean up) {
        status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
        return this;
    }

    @Override
    public HealthCheckResponse build() {
        return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
    }
}
