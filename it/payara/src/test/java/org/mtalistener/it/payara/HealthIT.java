package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.console.ConsoleConnection;
import org.mtalistener.it.Ports;
import org.mtalistener.it.SmtpSend;

/**
 * MicroProfile Health and Metrics of the health WAR on a real Payara Micro, asked over HTTP as a load balancer and
 * Prometheus ask: ready while every Listen listens, not ready while one is disabled, and the per-Listen figures and
 * delivery-time histogram in {@code /metrics}.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    private static final int SMTP_PORT = Ports.SAMPLE;
    private static final String SAMPLE_LISTEN = "ESMTP_Listener 127.0.0.1:" + SMTP_PORT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static JavaArchive sample() {
        return SampleDeployment.withTestDescriptors();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + PayaraMicroProcess.httpPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhileEveryListenListensAndNotWhileOneIsDisabled() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"" + SAMPLE_LISTEN + "\":\"listening\""), ready.body());

        try (ConsoleConnection console = ConsoleConnection.open(System.getProperty("it.consoleSocket"))) {
            String scope = "config set esmtp_listener listen 127.0.0.1:" + SMTP_PORT + " enable ";
            try {
                assertEquals("Enable = false\n", console.run(scope + "false"));
                HttpResponse<String> down = get("/health/ready");
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("\"" + SAMPLE_LISTEN + "\":\"disabled\""), down.body());
                assertEquals(200, get("/health/live").statusCode(), "a disabled Listen is not a dead server");
            } finally {
                assertEquals("Enable = true\n", console.run(scope + "true"));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready").statusCode() == 200);
    }

    @Test
    void liveAnswersUp() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"status\":\"UP\""), live.body());
    }

    @Test
    void metricsCountPerListenAndTimeTheDeliveries() throws Exception {
        double accepted = metric("mta_listener_messages_accepted", "");
        double timed = metric("mta_listener_delivery_seconds_bucket", "le=\"+Inf\"");
        assertTrue(SmtpSend.send(SMTP_PORT, simple(token()), "s@client.test", "r@server.test").accepted());
        assertEquals(accepted + 1, metric("mta_listener_messages_accepted", ""));
        assertEquals(timed + 1, metric("mta_listener_delivery_seconds_bucket", "le=\"+Inf\""));
        assertTrue(metric("mta_listener_delivery_seconds_sum", "") > 0);
        assertEquals(1, metric("mta_listener_listening", ""));
    }

    /** The sample Listen's value of {@code name} in the OpenMetrics text, on the line that also has {@code label}. */
    private static double metric(String name, String label) throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(metrics.body());
        while (line.find()) {
            if (line.group(1).contains("listen=\"127.0.0.1:" + SMTP_PORT + "\"") && line.group(1).contains(label)) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no " + name + " {" + label + "} for the sample Listen in:\n" + metrics.body());
    }
}
