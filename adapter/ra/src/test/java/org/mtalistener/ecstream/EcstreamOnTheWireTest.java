package org.mtalistener.ecstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Protocol;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;
import org.mtalistener.ecstream.client.EcstreamClient;
import org.mtalistener.ecstream.client.EcstreamException;
import org.mtalistener.ecstream.client.Envelope;
import org.mtalistener.ecstream.client.MessageReply;
import org.mtalistener.net.Flushes;
import org.mtalistener.net.LoopbackServer;

/**
 * The shipped client against {@link EcstreamProtocol} over a real TCP socket: a minimal Netty server of the test's
 * own (not the resource adapter) and a deliverer that stores what it accepts, as an MDB would.
 */
class EcstreamOnTheWireTest {

    private static final Envelope ENVELOPE = new Envelope("producer@x.example", List.of("rcpt@y.example"));

    @TempDir
    Path spill;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final StoringDeliverer deliverer = new StoringDeliverer();
    private final CompletableFuture<Channel> session = new CompletableFuture<>();
    private final Flushes flushes = new Flushes();
    private InetSocketAddress address;

    @AfterEach
    void stop() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        threads.shutdownNow();
    }

    @Test
    void tenThousandMessagesInBatchesEachReplyMatchingAStoredMessage() throws Exception {
        listen(500);
        List<byte[]> contents = new ArrayList<>();
        List<CompletableFuture<MessageReply>> replies = new ArrayList<>();
        try (EcstreamClient client = EcstreamClient.connect(address.getHostString(), address.getPort())) {
            assertEquals(500, client.maxBatchSize());
            for (int i = 0; i < 10_000; i++) {
                byte[] content = content(i);
                contents.add(content);
                replies.add(client.send(ENVELOPE, content));
            }
        }
        int accepted = 0;
        for (int i = 0; i < replies.size(); i++) {
            MessageReply reply = replies.get(i).get();
            assertEquals(i + 1, reply.tag());
            if (i % 97 == 5) {
                assertEquals("PERMFAIL 550 5.7.1 refused by test", reply.toString(), "message " + i);
                assertFalse(deliverer.stored.containsKey(reply.queueId()));
                continue;
            }
            assertTrue(reply.accepted(), "message " + i + ": " + reply);
            accepted++;
            byte[] stored = deliverer.stored.get(reply.queueId());
            assertNotNull(stored, "message " + i + " acknowledged as " + reply.queueId() + " but not stored");
            assertArrayEquals(contents.get(i), withoutReceivedHeader(stored, reply.queueId()), "message " + i);
        }
        assertEquals(accepted, deliverer.stored.size(), "nothing stored that was not acknowledged");
        assertEquals(10_000, deliverer.delivered.get());
    }

    @Test
    void producerDisconnectingMidBatchLosesNothingItWasToldWasAccepted() throws Exception {
        listen(1000);
        // Deliveries after the 100th wait for this: the client drops the connection with many unanswered.
        CompletableFuture<Void> gate = new CompletableFuture<>();
        deliverer.gateAfter(100, gate);
        List<CompletableFuture<MessageReply>> replies = new ArrayList<>();
        EcstreamClient client = EcstreamClient.connect(address.getHostString(), address.getPort());
        for (int i = 0; i < 300; i++) {
            replies.add(client.send(ENVELOPE, content(i * 2)));
        }
        replies.get(99).get(10, TimeUnit.SECONDS);
        client.abort();
        session.get().closeFuture().await(10, TimeUnit.SECONDS);
        gate.complete(null);
        // every reply settles (answered, or failed by the abort) before they are counted
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).handle((r, e) -> null)
                .get(10, TimeUnit.SECONDS);

        int told = 0;
        for (CompletableFuture<MessageReply> future : replies) {
            if (!future.isCompletedExceptionally()) {
                MessageReply reply = future.get(10, TimeUnit.SECONDS);
                told++;
                assertTrue(reply.accepted(), reply.toString());
                byte[] stored = deliverer.stored.get(reply.queueId());
                assertNotNull(stored, "told accepted but not stored: tag " + reply.tag());
                assertArrayEquals(content((int) (reply.tag() - 1) * 2),
                        withoutReceivedHeader(stored, reply.queueId()));
            }
        }
        assertEquals(100, told, "exactly the messages delivered before the gate were acknowledged");
        assertThrows(java.util.concurrent.ExecutionException.class, () -> replies.get(299).get());
        EcstreamException cause = assertThrows(EcstreamException.class, () -> client.send(ENVELOPE, new byte[1]));
        assertTrue(cause.getMessage().contains("aborted by the client"), cause.getMessage());
    }

    @Test
    void theRepliesToTheMessagesOfOneReadLeaveInOneWrite() throws Exception {
        // As EndpointDeliverer's calls on the event loop: each delivery is over before deliver returns.
        listen(100, message -> message.content().complete().thenApply(stored -> {
            message.content().release();
            return new DeliveryOutcome.Accepted(message.queueId());
        }));
        ClientBytes messages = new ClientBytes();
        for (int tag = 1; tag <= 20; tag++) {
            messages.mail(tag, "Subject: " + tag + "\r\n\r\nbody\r\n");
        }
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            readFrames(in, 1);
            socket.getOutputStream().write(new ClientBytes().version(1).bytes());
            readFrames(in, 1);
            socket.getOutputStream().write(messages.bytes());
            readFrames(in, 20);
        }
        List<List<String>> frames = flushes.flushed().stream().map(EcstreamOnTheWireTest::frames).toList();
        assertEquals(3, frames.size(), "HELLO, READY, then the replies to the 20 messages together: " + frames);
        assertEquals(List.of("HELLO"), frames.get(0));
        assertTrue(frames.get(1).get(0).startsWith("READY 1 batch 100"), frames.get(1).toString());
        assertEquals(20, frames.get(2).size(), frames.get(2).toString());
        for (int tag = 1; tag <= 20; tag++) {
            assertEquals("ACCEPTED " + tag, frames.get(2).get(tag - 1));
        }
    }

    private static void readFrames(DataInputStream in, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            in.readUnsignedByte();
            in.readFully(new byte[in.readInt()]);
        }
    }

    /** One flush's writes as the frames they spell. */
    private static List<String> frames(List<String> writes) {
        return ClientBytes.serverFrames(String.join("", writes).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Varied sizes and every byte value; each 100th message spills to disk and spans several DATA frames. */
    private static byte[] content(int i) {
        String head = "Subject: message " + i + "\r\n\r\n";
        int bodySize = i % 100 == 0 ? 150_000 : 50 + i % 300;
        byte[] content = new byte[head.length() + bodySize];
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(headBytes, 0, content, 0, headBytes.length);
        for (int b = 0; b < bodySize; b++) {
            content[headBytes.length + b] = (byte) (b * 31 + i);
        }
        return content;
    }

    private static byte[] withoutReceivedHeader(byte[] stored, String queueId) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("Received: from [127.0.0.1] ([127.0.0.1] port "), text.substring(0, 40));
        int end = text.indexOf("\r\n\tfor <rcpt@y.example>; ");
        assertTrue(text.substring(0, end).endsWith("with ECSTREAM id " + queueId), text.substring(0, end));
        int headerEnd = text.indexOf("\r\n", end + 2) + 2;
        return java.util.Arrays.copyOfRange(stored, headerEnd, stored.length);
    }

    private void listen(int maxBatch) throws InterruptedException {
        listen(maxBatch, deliverer);
    }

    /** A server of {@link EcstreamProtocol}, with {@link #flushes} first in each connection's pipeline. */
    private void listen(int maxBatch, Deliverer deliverer) throws InterruptedException {
        EcstreamSettings settings = new EcstreamSettings("ECStream_Listener test", Duration.ofSeconds(300), maxBatch,
                0, "mx.example.com");
        EcstreamProtocol protocol = new EcstreamProtocol(settings, deliverer,
                () -> new ContentBuffer(threads, spill, 4096), new QueueIds());
        address = LoopbackServer.listen(loops, ch -> {
            session.complete(ch);
            ch.pipeline().addFirst(flushes);
            protocol.initChannel(ch);
        });
    }

    /** Stores the content of every message it accepts, before it says so; refuses every 97th from the 6th. */
    private final class StoringDeliverer implements Deliverer {
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        final AtomicInteger delivered = new AtomicInteger();
        private int gateAfter = Integer.MAX_VALUE;
        private CompletableFuture<Void> gate;

        void gateAfter(int count, CompletableFuture<Void> gate) {
            this.gateAfter = count;
            this.gate = gate;
        }

        @Override
        public CompletionStage<DeliveryOutcome> deliver(ReceivedMessage message) {
            assertEquals(Protocol.ECSTREAM, message.session().protocol());
            assertEquals(ENVELOPE.recipients(), message.envelope().recipients());
            int number = delivered.incrementAndGet();
            CompletionStage<Void> ready = number > gateAfter ? gate : CompletableFuture.completedFuture(null);
            return ready.thenCombineAsync(message.content().complete(), (a, b) -> take(message), threads);
        }

        private DeliveryOutcome take(ReceivedMessage message) {
            try (InputStream in = message.openContent()) {
                byte[] content = in.readAllBytes();
                if (new String(content, StandardCharsets.ISO_8859_1).contains("Subject: message ")
                        && refused(content)) {
                    return new DeliveryOutcome.Rejected(550, "5.7.1", "refused by test");
                }
                stored.put(message.queueId(), content);
                return new DeliveryOutcome.Accepted(message.queueId());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                message.content().release();
            }
        }

        private boolean refused(byte[] content) {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("Subject: message ") + "Subject: message ".length();
            int number = Integer.parseInt(text.substring(at, text.indexOf('\r', at)));
            return gate == null && number % 97 == 5;
        }
    }
}
