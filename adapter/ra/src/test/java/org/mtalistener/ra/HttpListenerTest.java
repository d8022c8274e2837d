package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Protocol;

/**
 * An HTTP_Listener activation, as the mapper writes one: a raw message reaches the MDB with protocol HTTP and its
 * queue id in the reply, the listener's counters count it, and the Peer ACL decides per client (Always_Deny for
 * 127.0.0.2; Enable_Authentication unset asks a loopback client for nothing).
 */
class HttpListenerTest {

    @Test
    void aMessagePostedOverHttpReachesTheMdbAndThePeerAclDecidesPerClient(@TempDir Path dir) throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(dir)) {
            served(fixture);
        }
    }

    private static void served(ListenerFixture fixture) throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setListenerType("HTTP_Listener");
        spec.setListenPeers("Peer \"127.0.0.2/32\" { Always_Deny = true }");
        ListenerActivation activation = fixture.start(spec);
        int port = ListenerFixture.port(spec);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1.0/messages?from=a%40client.test&to=b%40server.test"))
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString("Subject: over HTTP\r\n\r\nhello\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
        assertEquals(Protocol.HTTP, received.session().protocol());
        assertEquals("HTTP_Listener " + spec.getListen(), received.session().listener());
        assertTrue(received.content().contains(" with HTTP id "), received.content());
        String queueId = received.content().replaceFirst("(?s).* with HTTP id (\\S+).*", "$1").replace(";", "");
        assertTrue(response.body().contains("\"queue_id\":\"" + queueId + "\""), response.body());
        assertEquals(1, activation.stats().snapshot().accepted());

        try (Socket denied = new Socket()) {
            denied.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            denied.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            OutputStream out = denied.getOutputStream();
            out.write(("POST /v1.0/messages?from=&to=b%40server.test HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: message/rfc822\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = denied.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 403 Forbidden\r\n"), reply);
        }
    }
}
