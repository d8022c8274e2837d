package org.mtalistener.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;

/**
 * Reads every message's content to the end and keeps nothing. Its descriptors (container-managed transaction,
 * Required, as for the sample) are written by {@code bench/suite.sh} from the bench's conf, so the figure is the
 * listener, the delivery and the container's transaction without a store behind them.
 */
public class ReadingMdb implements MailListener {

    @Override
    public void onMessage(InboundMessage message) {
        try (InputStream content = message.openContent()) {
            content.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(message.queueId() + ": cannot read the content", e);
        }
    }
}
