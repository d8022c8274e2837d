package org.mtalistener.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;

/**
 * {@link ReadingMdb} with group commit: reads every message of a batch to the end and keeps nothing, one container
 * transaction for the batch. Mapped with {@code listenerconf map --mdb-interface BatchMailListener}.
 */
public class BatchReadingMdb implements BatchMailListener {

    @Override
    public void onMessages(MessageBatch batch) {
        for (InboundMessage message : batch.messages()) {
            try (InputStream content = message.openContent()) {
                content.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(message.queueId() + ": cannot read the content", e);
            }
        }
    }
}
