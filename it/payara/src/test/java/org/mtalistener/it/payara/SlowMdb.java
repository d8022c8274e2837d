package org.mtalistener.it.payara;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.it.Ports;
import org.mtalistener.api.MailListener;
import org.mtalistener.sample.Maildir;

/**
 * An MDB that holds each delivery until the test lets it go: it announces the delivery with a file
 * {@code started-QUEUEID} beside the Maildir and stores the message once a file {@code release} appears there.
 * One delivery at a time, so further messages wait in the adapter.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + SlowMdb.PORT),
        @ActivationConfigProperty(propertyName = "maxConcurrentDeliveries", propertyValue = "1")})
public class SlowMdb implements MailListener {

    static final int PORT = Ports.SLOW;
    static final String RELEASE = "release";
    static final String STARTED = "started-";

    @Override
    public void onMessage(InboundMessage message) {
        try {
            Maildir maildir = Maildir.fromEnvironment();
            Path signals = maildir.root().getParent();
            Files.createFile(signals.resolve(STARTED + message.queueId()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(signals.resolve(RELEASE)) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polls a file the test writes
            }
            try (InputStream in = message.openContent()) {
                maildir.store(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
