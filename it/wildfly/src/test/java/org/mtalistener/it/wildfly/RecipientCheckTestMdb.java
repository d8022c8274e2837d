package org.mtalistener.it.wildfly;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
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
 * An MDB with a recipient check (Recipient_Check = true): it refuses every recipient of {@value #REFUSED_DOMAIN}
 * with its own 550, fails the check of a recipient named {@code fail@…}, and accepts the rest. It stores each
 * message with an {@code X-Envelope-To:} line first, naming the recipients it was delivered to. The same MDB as
 * it/payara's, on a port of its own; on WildFly it is a module of the EAR, bound to the EAR's RAR by the
 * jboss-ejb3.xml {@link EarOnWildFlyIT} writes.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + RecipientCheckTestMdb.PORT),
        @ActivationConfigProperty(propertyName = "recipientCheck", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "idleTime", propertyValue = "30")})
public class RecipientCheckTestMdb implements MailListener {

    static final int PORT = 2615;
    static final String REFUSED_DOMAIN = "refused.test";
    static final String REFUSAL = "5.7.1 no mail for refused.test here";

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
