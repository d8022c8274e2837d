package org.mtalistener.forwarding;

import jakarta.annotation.PostConstruct;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;

/**
 * Hands every message to a JMS queue, inside the delivery's transaction: the send is one more branch of the
 * transaction the adapter's own XA resource is in, so the sender's 250 comes only after the broker has committed the
 * message too, and a delivery that fails or rolls back leaves nothing on the queue. The connection factory must
 * therefore be an XA one the container manages ({@code java:comp/DefaultJMSConnectionFactory} on WildFly's full
 * profile is {@code java:/JmsXA}); a plain one would send at once, whatever became of the transaction.
 *
 * <p>Declared in {@code META-INF/ejb-jar.xml}, written at build time from {@code sample-forwarding/forwarding.conf}.
 * Where it sends: {@link Forwarding#fromEnvironment()}.
 */
public class ForwardingMailMdb implements MailListener {

    private static final Logger LOG = Logger.getLogger(ForwardingMailMdb.class.getName());

    private final Forwarding forwarding = Forwarding.fromEnvironment();
    private ConnectionFactory connectionFactory;

    @PostConstruct
    void lookUpConnectionFactory() {
        try {
            connectionFactory = InitialContext.doLookup(forwarding.connectionFactory());
        } catch (NamingException e) {
            throw new IllegalStateException("no JMS connection factory at " + forwarding.connectionFactory()
                    + " (set " + Forwarding.CONNECTION_FACTORY + " to the container's XA connection factory)", e);
        }
    }

    @Override
    public void onMessage(InboundMessage message) {
        byte[] content = read(message);
        // Closing the context ends our use of a pooled connection; the send stays in the transaction until it ends.
        try (JMSContext jms = connectionFactory.createContext()) {
            BytesMessage forwarded = jms.createBytesMessage();
            forwarded.writeBytes(content);
            forwarded.setStringProperty("queueId", message.queueId());
            forwarded.setStringProperty("sender", message.envelope().sender());
            forwarded.setStringProperty("recipients", String.join(",", message.envelope().recipients()));
            jms.createProducer().send(jms.createQueue(forwarding.queue()), forwarded);
        } catch (JMSException e) {
            throw new JMSRuntimeException(message.queueId() + ": cannot forward to " + forwarding.queue() + ": " + e,
                    e.getErrorCode(), e);
        }
        LOG.fine(() -> message.queueId() + " from <" + message.envelope().sender() + ">, " + content.length
                + " bytes, sent to " + forwarding.queue());
    }

    /** The content as one array: a JMS BytesMessage is written whole (the conf caps its size). */
    private static byte[] read(InboundMessage message) {
        try (InputStream content = message.openContent()) {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(message.queueId() + ": cannot read the content", e);
        }
    }
}
