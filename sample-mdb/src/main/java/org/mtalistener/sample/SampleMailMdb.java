package org.mtalistener.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;

/**
 * Stores every message it receives in a Maildir. It is declared in {@code META-INF/ejb-jar.xml}, written at build
 * time from {@code conf/ecelerity.conf}: one message-driven bean per Listen, so no {@code @MessageDriven} here.
 *
 * <p>It never acknowledges what it has not stored: if storing fails, it throws, and the sender is told to retry.
 */
public class SampleMailMdb implements MailListener {

    private static final Logger LOG = Logger.getLogger(SampleMailMdb.class.getName());

    private final Maildir maildir = openMaildir();

    @Override
    public void onMessage(InboundMessage message) {
        try (InputStream content = message.openContent()) {
            Path stored = maildir.store(content);
            LOG.fine(() -> message.queueId() + " from <" + message.envelope().sender() + "> to "
                    + message.envelope().recipients() + ", " + message.size() + " bytes, stored in " + stored);
        } catch (IOException e) {
            throw new UncheckedIOException(message.queueId() + ": cannot store in " + maildir.root(), e);
        }
    }

    private static Maildir openMaildir() {
        try {
            return Maildir.fromEnvironment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Maildir", e);
        }
    }
}
