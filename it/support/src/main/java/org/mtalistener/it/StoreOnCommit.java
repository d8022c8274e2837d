package org.mtalistener.it;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.sample.Maildir;

/**
 * Stores a message in the sample's Maildir when, and only when, the delivery transaction commits: what a rolled-back
 * delivery leaves in the store is nothing, so a test can tell "refused" from "stored" by looking.
 */
public final class StoreOnCommit implements Synchronization {

    private final byte[] content;

    private StoreOnCommit(byte[] content) {
        this.content = content;
    }

    /** Reads {@code message} now and stores it once the current transaction commits; returns its content. */
    public static byte[] register(TransactionSynchronizationRegistry transactions, InboundMessage message) {
        byte[] content;
        try (InputStream in = message.openContent()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transactions.registerInterposedSynchronization(new StoreOnCommit(content));
        return content;
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            try {
                Maildir.fromEnvironment().store(new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
