package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.Flushes;
import org.mtalistener.net.LoopbackServer;

/**
 * How many writes the replies cost, on a real event loop and socket: each flush of the socket is one write system
 * call, and {@link Flushes} first in the pipeline records what each carried.
 */
class SmtpFlushOnTheWireTest {

    /** As EndpointDeliverer's calls on the event loop: each delivery is over before deliver returns. */
    private static final Deliverer INLINE = message -> message.content().complete().thenApply(stored -> {
        message.content().release();
        return new DeliveryOutcome.Accepted(message.queueId());
    });

    @TempDir
    Path spill;

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Flushes flushes = new Flushes();
    private InetSocketAddress address;

    @AfterEach
    void stop() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aPipelinedGroupIsAnsweredInOneWrite() throws Exception {
        try (Client client = new Client()) {
            client.send("MAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nRCPT TO:<c@y.example>\r\nDATA\r\n");
            List<String> replies = client.lines(4);
            assertEquals(List.of("250 2.1.0 MAIL FROM accepted", "250 2.1.5 RCPT TO accepted",
                    "250 2.1.5 RCPT TO accepted", SessionHarness.START_DATA.strip()), replies);
            client.send("body\r\n.\r\nQUIT\r\n");
            assertTrue(client.lines(2).get(1).startsWith("221 "));
        }
        List<List<String>> flushed = flushes.flushed();
        assertEquals(4, flushed.size(), "greeting, EHLO, the group, the message's 250 with QUIT's 221: " + flushed);
        assertEquals(4, flushed.get(2).size(), flushed.get(2).toString());
    }

    @Test
    void theRepliesBeforeADeliveryLeaveBeforeItsMdbCallInOneWriteAndItsAnswerInAnother() throws Exception {
        try (Client client = new Client()) {
            client.send("MAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nBDAT 6 LAST\r\nbody\r\n");
            List<String> replies = client.lines(3);
            assertTrue(replies.get(2).startsWith("250 2.0.0 OK queued as "), replies.toString());
        }
        List<List<String>> flushed = flushes.flushed();
        assertEquals(4, flushed.size(), "greeting, EHLO, MAIL's and RCPT's replies, the delivery's: " + flushed);
        assertEquals(2, flushed.get(2).size(), flushed.get(2).toString());
        assertEquals(1, flushed.get(3).size(), flushed.get(3).toString());
    }

    @BeforeEach
    void listen() throws InterruptedException {
        SmtpSettings settings = SessionHarness.settings(0, 0, Duration.ZERO);
        SmtpProtocol protocol = new SmtpProtocol(settings, INLINE, null,
                () -> new ContentBuffer(Runnable::run, spill, 1 << 20), new QueueIds(), SessionHarness.CLOCK, () -> { });
        address = LoopbackServer.listen(loops, ch -> {
            ch.pipeline().addFirst(flushes);
            protocol.initChannel(ch, settings, client -> settings);
        });
    }

    /** A client past its greeting and EHLO, which sends each string in one write. */
    private final class Client implements AutoCloseable {
        private final Socket socket = new Socket(address.getAddress(), address.getPort());
        private final BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        private final OutputStream out = socket.getOutputStream();

        Client() throws IOException {
            socket.setSoTimeout(10_000);
            lines(1);
            send("EHLO client.example.org\r\n");
            while (!in.readLine().startsWith("250 ")) {
                // the EHLO reply's extension lines
            }
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        List<String> lines(int count) throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(in.readLine());
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
