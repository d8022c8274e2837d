package org.mtalistener.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.RejectException;
import org.mtalistener.sample.Maildir;

/**
 * The recipient-check test MDB of both containers, less its {@code @MessageDriven} (each IT gives it a port of its
 * own): it refuses every recipient of {@value #REFUSED_DOMAIN} with its own 550, fails the check of a recipient named
 * {@code fail@…}, and accepts the rest. It stores each message with an {@code X-Envelope-To:} line first, naming the
 * recipients it was delivered to. {@link RecipientCheckScenario} is what it is for.
 */
public abstract class RecipientCheckingMdb implements MailListener {

    public static final String REFUSED_DOMAIN = "refused.test";
    public static final String REFUSAL = "5.7.1 no mail for refused.test here";

    @Override
    public void checkRecipient(RecipientCheck check) throws RejectException {
        if (check.domain().equalsIgnoreCase(REFUSED_DOMAIN)) {
            throw new RejectException(550, "5.7.1", "no mail for refused.test here");
        }
        if (check.recipient().startsWith("fail@")) {
            throw new IllegalStateException("test check failure for " + check.recipient());
        }
    }

    @Override
    public void onMessage(InboundMessage message) {
        byte[] envelopeTo = ("X-Envelope-To: " + String.join(", ", message.envelope().recipients()) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (InputStream content = message.openContent()) {
            Maildir.fromEnvironment().store(new SequenceInputStream(new ByteArrayInputStream(envelopeTo), content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
