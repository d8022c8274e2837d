package org.mtalistener.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.Protocol;
import org.mtalistener.api.RejectException;
import org.mtalistener.api.SessionInfo;

/** The API's group-commit types, as an MDB sees them. */
class MessageBatchTest {

    @TempDir
    Path spill;

    @Test
    void aRefusalConcernsItsMessageAloneAndOnlyAMessageOfTheBatchCanBeRefused() {
        ReceivedMessage a = message("a");
        ReceivedMessage b = message("b");
        MessageBatch batch = new MessageBatch(List.of(a, b));
        RejectException reply = new RejectException(550, "5.7.1", "not this one");

        batch.refuse(b, reply);

        assertTrue(batch.refusal(a).isEmpty());
        assertSame(reply, batch.refusal(b).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> batch.refuse(message("c"), reply));
    }

    @Test
    void aBatchListenerCalledWithOneMessageTakesItAsABatchOfOne() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        BatchMailListener mdb = batch -> {
            calls.add(batch.messages().stream().map(InboundMessage::queueId).toList());
            batch.messages().stream().filter(m -> m.queueId().equals("refused")).forEach(m ->
                    batch.refuse(m, new RejectException(550, "5.1.1", "no such user")));
        };

        mdb.onMessage(message("taken"));
        RejectException refused = assertThrows(RejectException.class, () -> mdb.onMessage(message("refused")));

        assertEquals(List.of(List.of("taken"), List.of("refused")), calls);
        assertEquals("no such user", refused.text());
    }

    private ReceivedMessage message(String id) {
        ContentBuffer content = new ContentBuffer(Runnable::run, spill, 1024);
        content.append("Subject: x\r\n\r\nbody\r\n".getBytes());
        return new ReceivedMessage(id, new Envelope("a@b.test", List.of("c@d.test"), Map.of()),
                new SessionInfo("test", Protocol.ESMTP, null, null, "client.test"), content);
    }
}
