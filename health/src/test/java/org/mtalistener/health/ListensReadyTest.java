package org.mtalistener.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListensReadyTest {

    /** The two attributes readiness reads, as the adapter's ListenerMXBean has them. */
    public interface ListenMXBean {
        boolean isEnabled();

        boolean isListening();
    }

    record Listen(boolean isEnabled, boolean isListening) implements ListenMXBean {
    }

    @BeforeAll
    static void responses() {
        PlainResponses.install();
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ListensReady ready = new ListensReady(new Listens(server));

    private void register(String listener, String listen, boolean enabled, boolean listening) throws Exception {
        server.registerMBean(new Listen(enabled, listening), new ObjectName("org.mtalistener:type=Listener,listener="
                + listener + ",listen=" + ObjectName.quote(listen)));
    }

    @Test
    void upWhileEveryListenListens() throws Exception {
        register("ESMTP_Listener", "127.0.0.1:2525", true, true);
        register("ECStream_Listener", "127.0.0.1:1825", true, true);
        HealthCheckResponse response = ready.call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(Map.of("ESMTP_Listener 127.0.0.1:2525", "listening", "ECStream_Listener 127.0.0.1:1825",
                "listening"), response.getData().orElseThrow());
    }

    @Test
    void downWhileAListenIsDisabledOrUnbound() throws Exception {
        register("ESMTP_Listener", "127.0.0.1:2525", true, true);
        register("ESMTP_Listener", "127.0.0.1:2526", false, false);
        register("ECStream_Listener", "127.0.0.1:1825", true, false);
        HealthCheckResponse response = ready.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Map.of("ESMTP_Listener 127.0.0.1:2525", "listening", "ESMTP_Listener 127.0.0.1:2526", "disabled",
                "ECStream_Listener 127.0.0.1:1825", "not listening"), response.getData().orElseThrow());
    }

    @Test
    void downWithoutAnyListen() {
        assertEquals(HealthCheckResponse.Status.DOWN, ready.call().getStatus());
    }
}
