package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.TestMessages.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.StoreOnCommit;
import org.mtalistener.it.TestMessages;

/**
 * HTTP_Listener on a real Payara Micro with Java's HttpClient: a REST injection's messages are taken in one
 * transaction — several onMessage calls between one beforeDelivery and one afterDelivery — so a failure of any
 * leaves none stored and the client hears 503; a raw message/rfc822 POST is stored as sent.
 */
@ExtendWith(ArquillianExtension.class)
class HttpIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static JavaArchive mdbs() {
        return SampleDeployment.withTestDescriptors()
                .addClasses(TransactionalTestMdb.class, HttpTestMdb.class, StoreOnCommit.class);
    }

    private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HttpTestMdb.PORT + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> inject(String token, String... recipients) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String to : recipients) {
            list.append(list.length() == 0 ? "" : ",").append("{\"to\": \"").append(to)
                    .append("\", \"from\": \"s@client.test\", \"vctx\": {\"token\": \"").append(token).append("\"}}");
        }
        String json = "{\"template\": \"From: s@client.test\\nTo: %{to}\\nSubject: %{token}\\n\\nHello %{to}\\n\","
                + " \"recipients\": [" + list + "]}";
        return post("/v1.0/inject/", "application/json", json.getBytes());
    }

    @Test
    void everyMessageOfAnInjectionIsStoredInOneCommit() throws Exception {
        String token = token();
        HttpResponse<String> response = inject(token, "ok@server.test", "ok2@server.test", "ok3@server.test");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"total_accepted_recipients\":3"), response.body());
        List<java.nio.file.Path> stored = Mailbox.containing(token);
        assertEquals(3, stored.size(), "stored with " + token);
        String one = new String(Mailbox.read(stored.get(0)));
        assertTrue(one.contains(" with HTTP id "), one);
    }

    @Test
    void oneFailingMessageLeavesNoneOfTheRequestStoredAndIs503() throws Exception {
        String token = token();
        HttpResponse<String> response = inject(token, "ok@server.test", "fail@server.test");
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals(List.of(), Mailbox.containing(token), "the first message's onMessage ran, then rolled back");
        HttpResponse<String> rollback = inject(token, "ok@server.test", "rollback@server.test");
        assertEquals(503, rollback.statusCode(), rollback.body());
        assertEquals(List.of(), Mailbox.containing(token));
    }

    @Test
    void aRawMessageIsStoredAsSent() throws Exception {
        String token = token();
        byte[] sent = TestMessages.simple(token);
        HttpResponse<String> response = post("/v1.0/messages?from=s%40client.test&to=ok%40server.test",
                "message/rfc822", sent);
        assertEquals(200, response.statusCode(), response.body());
        Mailbox.assertStoredExactly(token, sent);
    }
}
