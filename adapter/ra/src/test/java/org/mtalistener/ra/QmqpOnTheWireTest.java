package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.api.Protocol;
import org.mtalistener.qmqp.QmqpRequests;

/**
 * A QMQP_Listener activation on a real loopback socket: a plain Java client, and Postfix's own {@code qmqp-source}
 * where it is installed (Debian's postfix package; the test is skipped without it).
 */
class QmqpOnTheWireTest {

    private static final Path QMQP_SOURCE = Path.of("/usr/sbin/qmqp-source");
    private static final String MESSAGE = "Subject: over QMQP\r\n\r\nbody\r\n";

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path dir = fixture.dir();

    private static ListenerActivationSpec spec() throws IOException {
        ListenerActivationSpec spec = ListenerFixture.spec();
        spec.setListenerType("QMQP_Listener");
        return spec;
    }

    /** Sends {@code request} and reads until the server closes: the reply netstring's text. */
    private static String send(int port, byte[] request) throws IOException {
        return send(port, request, false);
    }

    /** @param shutOutput the client shuts its side once the request is out, as some clients do */
    private static String send(int port, byte[] request, boolean shutOutput) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (shutOutput) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            return QmqpRequests.reply(in.readAllBytes());
        }
    }

    @Test
    void aJavaClientsMessageReachesTheMdbAndIsAcknowledgedWithItsQueueId() throws Exception {
        ListenerActivationSpec spec = spec();
        ListenerActivation activation = fixture.start(spec);
        String reply = send(ListenerFixture.port(spec),
                QmqpRequests.request(MESSAGE, "list@client.test", "a@server.test", "b@server.test"));
        assertTrue(reply.startsWith("KOk: queued as "), reply);
        ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
        assertEquals(Protocol.QMQP, received.session().protocol());
        assertEquals("list@client.test", received.envelope().sender());
        assertEquals(List.of("a@server.test", "b@server.test"), received.envelope().recipients());
        assertTrue(received.content().startsWith("Received: from [127.0.0.1] ([127.0.0.1] port "),
                received.content());
        assertTrue(received.content().contains(" with QMQP id " + reply.substring("KOk: queued as ".length())),
                received.content());
        assertTrue(received.content().endsWith(MESSAGE));
        ListenerFixture.await(() -> activation.stats().snapshot().accepted() == 1);
    }

    @Test
    void aClientThatShutsItsSideAfterTheRequestStillGetsItsAnswer() throws Exception {
        ListenerActivationSpec spec = spec();
        fixture.start(spec);
        String reply = send(ListenerFixture.port(spec), QmqpRequests.request(MESSAGE, "", "a@server.test"), true);
        assertTrue(reply.startsWith("KOk: queued as "), reply);
        assertEquals(List.of("a@server.test"), fixture.received.poll(10, TimeUnit.SECONDS).envelope().recipients());
    }

    @Test
    void aClientAPeerDoesNotAuthorizeReadsDEvenWhileItSendsItsRequest() throws Exception {
        ListenerActivationSpec spec = spec();
        spec.setListenerPeers("Peer \"127.0.0.0/8\" { QMQP_Authorized = false }");
        ListenerActivation activation = fixture.start(spec);
        // a large request: the server answers before it has read it, and half-closes so the client still reads that
        String reply = send(ListenerFixture.port(spec),
                QmqpRequests.request("x".repeat(1 << 20), "", "a@server.test"));
        assertEquals("DError: 5.7.1 [127.0.0.1] is not authorized to use this service", reply);
        assertNull(fixture.received.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(1, activation.stats().snapshot().refused());
    }

    @Test
    void maxMessageSizeIsDAfterTheRequest() throws Exception {
        ListenerActivationSpec spec = spec();
        spec.setMaxMessageSize(10);
        fixture.start(spec);
        assertEquals("DError: 5.3.4 message size limit exceeded",
                send(ListenerFixture.port(spec), QmqpRequests.request(MESSAGE, "", "a@server.test")));
    }

    @Test
    void postfixsQmqpSourceDeliversThroughTheListener() throws Exception {
        assumeTrue(Files.isExecutable(QMQP_SOURCE), QMQP_SOURCE + " is not installed (apt-get install postfix)");
        ListenerActivationSpec spec = spec();
        ListenerActivation activation = fixture.start(spec);
        Process source = new ProcessBuilder(QMQP_SOURCE.toString(), "-s", "4", "-m", "40", "-r", "3", "-l", "5000",
                "-f", "sender@client.test", "-t", "rcpt@server.test", "127.0.0.1:" + ListenerFixture.port(spec))
                .redirectErrorStream(true).start();
        assertTrue(source.waitFor(60, TimeUnit.SECONDS), "qmqp-source did not finish");
        String output = new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, source.exitValue(), output);
        List<ListenerFixture.Received> messages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
            assertEquals(Protocol.QMQP, received.session().protocol());
            messages.add(received);
        }
        ListenerFixture.Received first = messages.get(0);
        assertEquals("sender@client.test", first.envelope().sender());
        assertEquals(List.of("0rcpt@server.test", "1rcpt@server.test", "2rcpt@server.test"),
                first.envelope().recipients());
        assertTrue(first.content().contains(" with QMQP id "), first.content());
        ListenerFixture.await(() -> activation.stats().snapshot().accepted() == 40);
    }
}
