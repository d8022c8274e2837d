package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.LocalJmx;
import org.mtalistener.it.Ports;
import org.mtalistener.it.SmtpSend;

/**
 * The listener MXBeans over a real JMX connection to Payara Micro (its local management agent, as an operator's
 * JConsole comes in): the counters move while mail flows, and {@code disable()} refuses new connections while
 * an open session goes on, until {@code enable()}.
 */
@ExtendWith(ArquillianExtension.class)
class JmxIT {

    private static final int SMTP_PORT = Ports.SAMPLE;

    @Deployment(testable = false)
    static JavaArchive sample() {
        return SampleDeployment.withTestDescriptors();
    }

    private static JMXConnector connect() throws Exception {
        return LocalJmx.connect(PayaraMicroProcess.started().pid());
    }

    private static ObjectName listener() throws Exception {
        return LocalJmx.esmtpListen(SMTP_PORT);
    }

    private static long number(MBeanServerConnection jmx, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(listener(), attribute)).longValue();
    }

    @Test
    void theCountersMoveWhileMailFlows() throws Exception {
        try (JMXConnector connector = connect()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertEquals("ESMTP_Listener", jmx.getAttribute(listener(), "ListenerType"));
            assertEquals("127.0.0.1:" + SMTP_PORT, jmx.getAttribute(listener(), "Address"));
            assertEquals(true, jmx.getAttribute(listener(), "Listening"));
            long sessions = number(jmx, "TotalSessions");
            long accepted = number(jmx, "MessagesAccepted");
            long bytes = number(jmx, "BytesAccepted");
            long timed = number(jmx, "DeliveryTimeCount");

            long sent = 0;
            for (int i = 0; i < 3; i++) {
                SmtpSend.Result result = SmtpSend.send(SMTP_PORT, simple(token()), "s@client.test", "r@server.test");
                assertTrue(result.accepted(), result.reply());
                sent += result.sent().length;
            }
            assertEquals(accepted + 3, number(jmx, "MessagesAccepted"));
            assertTrue(number(jmx, "BytesAccepted") >= bytes + sent, "the bytes stored include the Received header");
            assertTrue(number(jmx, "TotalSessions") >= sessions + 3);
            assertEquals(timed + 3, number(jmx, "DeliveryTimeCount"));
            long[] buckets = (long[]) jmx.getAttribute(listener(), "DeliveryTimeBuckets");
            assertEquals(((double[]) jmx.getAttribute(listener(), "DeliveryTimeBounds")).length, buckets.length);

            try (SmtpSession open = SmtpSession.open(SMTP_PORT)) {
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> number(jmx, "CurrentSessions") >= 1);
            }
        }
    }

    @Test
    void disableRefusesNewConnectionsWhileOpenSessionsGoOnAndEnableAcceptsThemAgain() throws Exception {
        try (JMXConnector connector = connect(); SmtpSession open = SmtpSession.open(SMTP_PORT)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertTrue(open.command("EHLO open.test").startsWith("250"));
            try {
                jmx.invoke(listener(), "disable", null, null);
                assertEquals(false, jmx.getAttribute(listener(), "Enabled"));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> refused(SMTP_PORT));
                assertEquals(false, jmx.getAttribute(listener(), "Listening"));

                // the session opened before goes on: a whole message, accepted
                assertTrue(open.command("MAIL FROM:<s@client.test>").startsWith("250"));
                assertTrue(open.command("RCPT TO:<r@server.test>").startsWith("250"));
                assertTrue(open.command("DATA").startsWith("354"));
                String reply = open.command(new String(simple(token()), StandardCharsets.US_ASCII) + ".");
                assertTrue(reply.startsWith("250"), reply);
            } finally {
                jmx.invoke(listener(), "enable", null, null);
            }
            assertEquals(true, jmx.getAttribute(listener(), "Enabled"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !refused(SMTP_PORT));
            assertTrue(SmtpSend.send(SMTP_PORT, simple(token()), "s@client.test", "r@server.test").accepted());
            assertFalse(refused(SMTP_PORT));
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One SMTP session, command by command: each call sends a line and returns the reply's last line. */
    private static final class SmtpSession implements AutoCloseable {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private SmtpSession(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        static SmtpSession open(int port) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            SmtpSession session = new SmtpSession(socket);
            String greeting = session.reply();
            if (!greeting.startsWith("220")) {
                socket.close();
                throw new IOException("no greeting: " + greeting);
            }
            return session;
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        private String reply() throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return line;
                }
            }
            throw new IOException("the server closed the connection");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
