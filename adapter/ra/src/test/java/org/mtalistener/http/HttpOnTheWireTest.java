package org.mtalistener.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;

/**
 * HttpProtocol on a real loopback socket (an ephemeral port), with Java's HttpClient and, where it is installed,
 * curl: what a client is told accepted is exactly what the deliverer stored.
 */
class HttpOnTheWireTest {

    @TempDir
    Path spill;

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    /** What the deliverer took, by queue id; recipients named fail@ make the whole call fail. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private InetSocketAddress address;

    private final ListDeliverer deliverer = messages -> {
        return CompletableFuture.supplyAsync(() -> {
            try {
                boolean fail = messages.stream().anyMatch(m -> m.envelope().recipients().get(0).startsWith("fail@"));
                if (!fail) {
                    for (ReceivedMessage message : messages) {
                        message.content().complete().toCompletableFuture().join();
                        try (InputStream in = message.openContent()) {
                            stored.put(message.queueId(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
                return fail ? new DeliveryOutcome.Failed("test failure")
                        : new DeliveryOutcome.Accepted(messages.get(0).queueId());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                messages.forEach(m -> m.content().release());
            }
        }, threads);
    };

    @BeforeEach
    void listen() throws InterruptedException {
        HttpProtocol protocol = new HttpProtocol(deliverer, () -> new ContentBuffer(threads, spill, 1024),
                new QueueIds(), true);
        HttpSettings settings = new HttpSettings("HTTP_Listener test", Duration.ofSeconds(30), 1 << 20, 1000, false,
                true, "mx.example.com", null, true, new HttpAuth(null, null, null, false, false, false, false));
        Channel server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        protocol.initChannel(ch, settings);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        address = (InetSocketAddress) server.localAddress();
    }

    @AfterEach
    void stop() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        threads.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    @Test
    void httpClientInjectsOnOneKeptConnectionAndIsToldExactlyWhatWasStored() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            String json = "{\"template\": \"Subject: n%{n}\\n\\nbody %{n}\\n\", \"recipients\": ["
                    + "{\"to\": \"a@example.org\", \"from\": \"s@example.com\", \"vctx\": {\"n\": " + i + "}},"
                    + "{\"to\": \"" + (i % 5 == 3 ? "fail" : "b") + "@example.org\", \"from\": \"\", \"vctx\": {\"n\": "
                    + i + "}}]}";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/v1.0/inject/"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (i % 5 == 3) {
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("30", response.headers().firstValue("retry-after").orElse(null));
                continue;
            }
            assertEquals(200, response.statusCode(), response.body());
            for (String id : response.body().split("\"queue_id\":\"")) {
                if (!id.startsWith("{")) {
                    String queueId = id.substring(0, id.indexOf('"'));
                    assertTrue(stored.get(queueId).endsWith("Subject: n" + i + "\r\n\r\nbody " + i + "\r\n"),
                            queueId);
                }
            }
        }
        assertEquals(32, stored.size(), "16 requests of 2 messages; nothing of the 4 failed ones");
    }

    @Test
    void curlPostsAMessageFileAsItIs(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        Path mail = Files.writeString(dir.resolve("mail.eml"), "Subject: from curl\n\nHello.\n");
        Process curl = new ProcessBuilder("curl", "-sS", "-H", "Content-Type: message/rfc822", "--data-binary",
                "@" + mail, uri("/v1.0/messages?from=a%40example.com&to=b%40example.org").toString())
                .redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), output);
        assertTrue(output.contains("\"total_accepted_recipients\":1"), output);
        String queueId = output.replaceFirst("(?s).*\"queue_id\":\"([^\"]+)\".*", "$1");
        assertTrue(stored.get(queueId).endsWith("\r\nSubject: from curl\r\n\r\nHello.\r\n"), stored.toString());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
