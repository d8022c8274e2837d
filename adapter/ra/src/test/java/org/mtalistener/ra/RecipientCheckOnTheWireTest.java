package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MailListener;

/**
 * Recipient_Check through an activation: read per client (a Peer may turn it off), changeable from the console, and
 * never asking an MDB class that does not override checkRecipient.
 */
class RecipientCheckOnTheWireTest {

    private static final String TRANSACTION = "EHLO client.test\r\nMAIL FROM:<a@client.test>\r\n"
            + "RCPT TO:<x@" + ListenerFixture.REFUSED_DOMAIN + ">\r\nRCPT TO:<b@server.test>\r\nQUIT\r\n";
    private static final String REFUSED = "550 5.7.1 no mail for " + ListenerFixture.REFUSED_DOMAIN;
    private static final String ACCEPTED = "250 2.1.5 RCPT TO accepted";

    /** Kept here so the handler added to it survives garbage collection. */
    private static final Logger ACTIVATION_LOG = Logger.getLogger(ListenerActivation.class.getName());

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path spill = fixture.dir();

    @Test
    void theMdbIsAskedWhereRecipientCheckIsOnAndAPeerCanTurnItOff() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setRecipientCheck(true);
        spec.setListenPeers("Peer \"127.0.0.2\" { Recipient_Check = false }");
        fixture.start(spec);
        int port = ListenerFixture.port(spec);

        assertEquals(List.of(REFUSED, ACCEPTED), rcptReplies(port, "127.0.0.3"));
        assertEquals(List.of("x@refused.test", "b@server.test"), List.copyOf(fixture.checked));

        fixture.checked.clear();
        assertEquals(List.of(ACCEPTED, ACCEPTED), rcptReplies(port, "127.0.0.2"), "the Peer's clients are not checked");
        assertEquals(List.of(), List.copyOf(fixture.checked));
    }

    @Test
    void offByDefaultAndSwitchedOnFromTheConsole() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        ListenerActivation activation = fixture.start(spec);
        int port = ListenerFixture.port(spec);

        assertEquals(List.of(ACCEPTED, ACCEPTED), rcptReplies(port, "127.0.0.1"));
        assertEquals(List.of(), List.copyOf(fixture.checked));

        activation.set("Recipient_Check", "true");
        assertEquals(List.of(REFUSED, ACCEPTED), rcptReplies(port, "127.0.0.1"), "new sessions are checked");
    }

    @Test
    void anMdbClassWithoutACheckIsNeverAskedAndTheLogSaysSo() throws Exception {
        fixture.mdbClass = PlainMdb.class;
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setRecipientCheck(true);
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ACTIVATION_LOG.addHandler(handler);
        try {
            fixture.start(spec);
        } finally {
            ACTIVATION_LOG.removeHandler(handler);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Recipient_Check = true, but " + PlainMdb.class.getName()
                + " does not override MailListener.checkRecipient")), warnings.toString());

        assertEquals(List.of(ACCEPTED, ACCEPTED), rcptReplies(ListenerFixture.port(spec), "127.0.0.1"));
        assertEquals(List.of(), List.copyOf(fixture.checked));
    }

    /** An MDB that takes messages and leaves recipients to the listener. */
    static final class PlainMdb implements MailListener {
        @Override
        public void onMessage(InboundMessage message) {
        }
    }

    /** The RCPT TO replies to {@link #TRANSACTION}, sent in one write from {@code from}. */
    private static List<String> rcptReplies(int port, String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(TRANSACTION.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> replies = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.startsWith("221"); line = in.readLine()) {
                if (line.startsWith("550") || line.contains("RCPT TO")) {
                    replies.add(line);
                }
            }
            assertTrue(replies.size() == 2, replies.toString());
            return replies;
        }
    }
}
