package org.mtalistener.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.RejectException;

/**
 * Stores every message it receives in a Maildir. It is declared in {@code META-INF/ejb-jar.xml}, written at build
 * time from {@code conf/ecelerity.conf}: one message-driven bean per Listen, so no {@code @MessageDriven} here.
 *
 * <p>It takes messages in batches (group commit): each message is written and forced on its own, then all are
 * renamed into {@code new/} with one sync of the directory. It never acknowledges what it has not stored: a message
 * it cannot write is refused with a 451 (its sender retries; the others are not affected), and if the renames
 * fail it throws, and every sender of the batch is told to retry.
 */
public class SampleMailMdb implements BatchMailListener {

    private static final Logger LOG = Logger.getLogger(SampleMailMdb.class.getName());

    private final Maildir maildir = openMaildir();

    @Override
    public void onMessages(MessageBatch batch) {
        Maildir.Drafts drafts = maildir.drafts();
        List<InboundMessage> written = new ArrayList<>();
        for (InboundMessage message : batch.messages()) {
            try (InputStream content = message.openContent()) {
                drafts.write(content);
                written.add(message);
            } catch (IOException e) {
                LOG.warning(() -> message.queueId() + ": cannot store in " + maildir.root() + ": " + e);
                batch.refuse(message, new RejectException(451, "4.3.0", "cannot store the message now"));
            }
        }
        try {
            drafts.deliver();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver " + written.size() + " messages into " + maildir.root(), e);
        }
        LOG.fine(() -> written.size() + " of " + batch.messages().size() + " messages stored in " + maildir.root()
                + ": " + written.stream().map(m -> m.queueId() + " from <" + m.envelope().sender() + "> to "
                + m.envelope().recipients() + ", " + m.size() + " bytes").toList());
    }

    private static Maildir openMaildir() {
        try {
            return Maildir.fromEnvironment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Maildir", e);
        }
    }
}
