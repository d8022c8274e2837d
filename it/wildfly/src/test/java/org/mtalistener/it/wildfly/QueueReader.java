package org.mtalistener.it.wildfly;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * A JMS consumer of the forwarding queue, for a test outside the server: each GET takes the next message off the
 * queue and answers with its bytes (204 when none came within {@link #WAIT}).
 */
@WebServlet("/next")
public class QueueReader extends HttpServlet {

    static final Duration WAIT = Duration.ofSeconds(30);

    // the plain in-VM factory: consuming is no part of any delivery's transaction
    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connectionFactory;

    // the entry sample-forwarding's forwarding-jms.xml gives the queue
    @Resource(lookup = "java:/jms/queue/ForwardedMail")
    private Queue queue;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = jms.createConsumer(queue)) {
            Message message = consumer.receive(WAIT.toMillis());
            if (message == null) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
            byte[] content = message.getBody(byte[].class);
            response.setContentType("message/rfc822");
            response.setHeader("X-Queue-Id", message.getStringProperty("queueId"));
            response.getOutputStream().write(content);
        } catch (JMSException e) {
            throw new IOException("cannot read the forwarding queue: " + e, e);
        }
    }
}
