package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.api.Protocol;
import org.mtalistener.ecstream.client.EcstreamClient;
import org.mtalistener.ecstream.client.Envelope;
import org.mtalistener.ecstream.client.MessageReply;

/**
 * An ECStream_Listener activation, as the mapper writes one, on a Unix domain socket: the shipped client's
 * pipelined messages reach the MDB with protocol ECSTREAM, each acknowledged with the id it was stored under.
 */
class EcstreamListenerTest {

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path dir = fixture.dir();

    @Test
    void aProducerOnAUnixSocketIsServedByTheActivation() throws Exception {
        Path socket = dir.resolve("ecstream.sock");
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListenerType("ECStream_Listener");
        spec.setListen(socket.toString());
        spec.setEcstreamMaxBatchSize(5);
        fixture.start(spec);

        List<CompletableFuture<MessageReply>> replies = new ArrayList<>();
        try (EcstreamClient producer = EcstreamClient.connect(socket)) {
            for (int i = 0; i < 20; i++) {
                byte[] content = ("Subject: n" + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                replies.add(producer.send(new Envelope("p@client.test", List.of("r@server.test")), content));
            }
            for (CompletableFuture<MessageReply> reply : replies) {
                assertTrue(reply.get(10, TimeUnit.SECONDS).accepted(), reply.get().toString());
            }
        }
        Map<String, String> subjects = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
            assertEquals(Protocol.ECSTREAM, received.session().protocol());
            assertTrue(received.session().listener().startsWith("ECStream_Listener "), received.session().listener());
            String content = received.content();
            subjects.put(content.substring(content.indexOf("Subject: ")).split("\r\n")[0], content);
        }
        assertEquals(20, subjects.size(), "every message once");
        assertTrue(subjects.get("Subject: n7").contains("with ECSTREAM id "), subjects.get("Subject: n7"));
    }
}
