package org.mtalistener.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.api.Protocol;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.PasswordStore;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.delivery.ReceivedMessage;

/** The HTTP session on an {@link EmbeddedChannel}, with a deliverer whose outcomes the test decides. */
class HttpSessionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-08T16:21:51Z"), ZoneOffset.UTC);
    private static final String INJECTION = """
            {"template": "From: news@example.com\\nTo: %{to_name} <%{to}>\\nSubject: hello %{first}\\n\\nHi %{first}!\\n",
             "recipients": [
               {"to": "alice@example.org", "from": "bounce@example.com", "vctx": {"first": "Alice", "to_name": "A"}},
               {"to": "bob@example.org", "from": "bounce@example.com", "vctx": {"first": "Bob", "to_name": 7}}]}
            """;

    @TempDir
    Path spill;

    private final List<Delivery> deliveries = new ArrayList<>();
    private EmbeddedChannel channel;

    /** One call of the deliverer: its messages, read whole, and the outcome the test gives. */
    private record Delivery(List<ReceivedMessage> messages, List<String> contents,
                            CompletableFuture<DeliveryOutcome> outcome) {
    }

    private final ListDeliverer deliverer = messages -> {
        List<String> contents = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            message.content().complete().toCompletableFuture().join();
            try (InputStream in = message.openContent()) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                message.content().release();
            }
        }
        deliveries.add(new Delivery(messages, contents, new CompletableFuture<>()));
        return deliveries.get(deliveries.size() - 1).outcome;
    };

    @AfterEach
    void released() throws IOException {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        try (Stream<Path> files = Files.list(spill)) {
            assertEquals(0, files.count(), "content was not released");
        }
    }

    private static HttpSettings settings(long maxRequestSize, boolean disableChunked, HttpAuth auth) {
        return new HttpSettings("HTTP_Listener test", Duration.ofSeconds(300), maxRequestSize, 1000, disableChunked,
                false, "mx.example.com", null, true, auth);
    }

    private static HttpAuth open() {
        return new HttpAuth(null, null, null, false, false, false, false);
    }

    private void connect(HttpSettings settings, boolean allOrNothing) {
        channel = new EmbeddedChannel();
        new HttpProtocol(deliverer, () -> new ContentBuffer(Runnable::run, spill, 64), new QueueIds(), allOrNothing,
                CLOCK).initChannel(channel, settings);
    }

    private void connect() {
        connect(settings(10_000, false, open()), true);
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        channel.runPendingTasks();
    }

    private static String post(String path, String type, String body, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                + String.join("", List.of(headers).stream().map(h -> h + "\r\n").toList())
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private void complete(int index, DeliveryOutcome outcome) {
        deliveries.get(index).outcome.complete(outcome);
        channel.runPendingTasks();
    }

    private String replies() {
        StringBuilder text = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buffer = (ByteBuf) out;
            text.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return text.toString();
    }

    @Test
    void anInjectionIsTakenWholeInOneCallAndAnsweredOnlyAfterTheCommit() {
        connect();
        send(post("/v1.0/inject/", "application/json", INJECTION));
        assertEquals("", replies(), "nothing acknowledged before the MDB took it");
        assertEquals(1, deliveries.size(), "every message of the request in one call");
        Delivery delivery = deliveries.get(0);
        assertEquals(2, delivery.messages().size());
        ReceivedMessage alice = delivery.messages().get(0);
        assertEquals("bounce@example.com", alice.envelope().sender());
        assertEquals(List.of("alice@example.org"), alice.envelope().recipients());
        assertEquals(Protocol.HTTP, alice.session().protocol());
        assertEquals("HTTP_Listener test", alice.session().listener());
        String content = delivery.contents().get(0);
        assertTrue(content.startsWith("Received: from [127.0.0.1]") || content.startsWith("Received: from "),
                content);
        assertTrue(content.contains("with HTTP id " + alice.queueId() + "\r\n\tfor <alice@example.org>"), content);
        assertTrue(content.endsWith("From: news@example.com\r\nTo: A <alice@example.org>\r\nSubject: hello Alice"
                + "\r\n\r\nHi Alice!\r\n"), content);
        assertTrue(delivery.contents().get(1).contains("To: 7 <bob@example.org>\r\nSubject: hello Bob"));

        complete(0, new DeliveryOutcome.Accepted(alice.queueId()));
        String reply = replies();
        assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply);
        assertTrue(reply.contains("\"total_accepted_recipients\":2"), reply);
        assertTrue(reply.contains("{\"to\":\"alice@example.org\",\"queue_id\":\"" + alice.queueId() + "\"}"), reply);
        assertTrue(reply.contains("{\"to\":\"bob@example.org\",\"queue_id\":\""
                + delivery.messages().get(1).queueId() + "\"}"), reply);
        assertTrue(channel.isOpen(), "keep-alive");
    }

    @Test
    void aFailedOrRolledBackDeliveryIs503WithRetryAfterAndAPermanentRejectIs422() {
        connect();
        send(post("/v1.0/inject/", "application/json", INJECTION));
        complete(0, new DeliveryOutcome.Failed("the delivery's transaction was rolled back"));
        String failed = replies();
        assertTrue(failed.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), failed);
        assertTrue(failed.contains("retry-after: 30\r\n"), failed);
        assertFalse(failed.contains("rolled back"), "the reason is for the log");

        send(post("/v1.0/inject/", "application/json", INJECTION));
        complete(1, new DeliveryOutcome.Rejected(550, "5.7.1", "no thanks"));
        String rejected = replies();
        assertTrue(rejected.startsWith("HTTP/1.1 422 Unprocessable Entity\r\n"), rejected);
        assertTrue(rejected.contains("{\"error\":{\"code\":550,\"enhanced_code\":\"5.7.1\",\"message\":\"no thanks\"}}"),
                rejected);

        send(post("/v1.0/inject/", "application/json", INJECTION));
        complete(2, new DeliveryOutcome.Rejected(451, "4.7.1", "later"));
        assertTrue(replies().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    }

    @Test
    void badInputIs4xxNamingTheFieldAndNothingIsDelivered() {
        connect();
        send(post("/v1.0/inject/", "application/json", INJECTION.replace("\"bob@example.org\"", "\"bob\"")));
        String reply = replies();
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), reply);
        assertTrue(reply.contains("\"field\":\"recipients[1].to\""), reply);

        send(post("/v1.0/inject/", "application/json", INJECTION.replace("\"first\": \"Bob\", ", "")));
        reply = replies();
        assertTrue(reply.contains("\"field\":\"recipients[1].vctx.first\""), reply);
        assertTrue(reply.contains("%{first}"), reply);

        send(post("/v1.0/inject/", "application/json", "{\"template\": \"x\"}"));
        assertTrue(replies().contains("\"field\":\"recipients\""));
        send(post("/v1.0/inject/", "application/json", "{not json"));
        assertTrue(replies().contains("\"field\":\"body\""));
        send(post("/v1.0/inject/", "application/json",
                INJECTION.replace("\"Alice\"", "\"Alice\\r\\nBcc: eve@example.net\"")));
        assertTrue(replies().contains("\"field\":\"recipients[0].vctx.first\""), "no header injection");
        send(post("/v1.0/nothing", "application/json", "{}"));
        assertTrue(replies().startsWith("HTTP/1.1 404 Not Found\r\n"));
        send("GET /v1.0/inject/ HTTP/1.1\r\nHost: x\r\n\r\n");
        String get = replies();
        assertTrue(get.startsWith("HTTP/1.1 405 Method Not Allowed\r\n") && get.contains("allow: POST"), get);
        send(post("/v1.0/messages", "text/plain", "Subject: x\r\n\r\nhi\r\n"));
        String type = replies();
        assertTrue(type.startsWith("HTTP/1.1 415 Unsupported Media Type\r\n")
                && type.contains("\"field\":\"Content-Type\""), type);
        assertEquals(0, deliveries.size());
        assertTrue(channel.isOpen(), "a refused request with its body read leaves the connection for the next");
    }

    @Test
    void aRawMessageTakesItsEnvelopeFromTheQueryOrTheHeadersAndGetsCrLfLineEnds() {
        connect();
        send(post("/v1.0/messages?from=a%40example.com&to=b%40example.org&to=c%40example.org", "message/rfc822",
                "Subject: raw\n\nline one\nline two\n"));
        ReceivedMessage message = deliveries.get(0).messages().get(0);
        assertEquals("a@example.com", message.envelope().sender());
        assertEquals(List.of("b@example.org", "c@example.org"), message.envelope().recipients());
        assertTrue(deliveries.get(0).contents().get(0).endsWith("with HTTP id " + message.queueId()
                + "; Sat, 8 Mar 2025 16:21:51 +0000\r\nSubject: raw\r\n\r\nline one\r\nline two\r\n"),
                deliveries.get(0).contents().get(0));
        complete(0, new DeliveryOutcome.Accepted(message.queueId()));
        assertTrue(replies().contains("\"total_accepted_recipients\":2"));

        send(post("/v1.0/messages", "message/rfc822", "Subject: raw\r\n\r\nhi\r\n", "From: x@example.com",
                "To: y@example.org"));
        assertEquals(List.of("y@example.org"), deliveries.get(1).messages().get(0).envelope().recipients());
        complete(1, new DeliveryOutcome.Accepted("q"));
        assertTrue(replies().startsWith("HTTP/1.1 200 OK"));

        send(post("/v1.0/messages?from=x%40example.com", "message/rfc822", "Subject: raw\r\n\r\nhi\r\n"));
        assertTrue(replies().contains("\"field\":\"to\""));
    }

    @Test
    void requestsPipelinedOnOneConnectionAreAnsweredOneAfterTheOther() {
        connect();
        String one = post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", "Subject: 1\r\n\r\n1\r\n");
        String two = post("/v1.0/messages?from=&to=c%40example.org", "message/rfc822", "Subject: 2\r\n\r\n2\r\n");
        send(one + two);
        assertEquals(1, deliveries.size(), "the second waits for the answer to the first");
        assertEquals("", deliveries.get(0).messages().get(0).envelope().sender(), "the null sender");
        complete(0, new DeliveryOutcome.Accepted("one"));
        assertTrue(replies().contains("b@example.org"));
        assertEquals(2, deliveries.size());
        complete(1, new DeliveryOutcome.Accepted("two"));
        assertTrue(replies().contains("c@example.org"));
    }

    @Test
    void maxRequestSizeIs413BeforeTheBodyWhenTheLengthSaysSoAndAsItStreamsOtherwise() {
        connect(settings(100, false, open()), true);
        send(post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", "x".repeat(101)));
        String early = replies();
        assertTrue(early.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), early);
        assertTrue(early.contains("\"field\":\"Content-Length\""), early);
        assertFalse(channel.isOpen());

        connect(settings(100, false, open()), true);
        send("POST /v1.0/messages?from=&to=b%40example.org HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n64\r\n" + "x".repeat(100) + "\r\n1\r\nx\r\n0\r\n\r\n");
        assertTrue(replies().startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"));
        assertFalse(channel.isOpen());
        assertEquals(0, deliveries.size());
    }

    @Test
    void chunkedBodiesAreTakenUnlessDisabledAndExpectContinueIsAnsweredAfterTheHeadIsChecked() {
        String chunked = "POST /v1.0/messages?from=&to=b%40example.org HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: message/rfc822\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nSub: \r\n3\r\nx\r\n\r\n"
                + "0\r\n\r\n";
        connect();
        send(chunked);
        assertTrue(deliveries.get(0).contents().get(0).endsWith("\r\nSub: x\r\n"));
        complete(0, new DeliveryOutcome.Accepted("q"));
        replies();

        connect(settings(10_000, true, open()), true);
        send(chunked);
        String refused = replies();
        assertTrue(refused.startsWith("HTTP/1.1 411 Length Required\r\n"), refused);

        connect();
        send("POST /v1.0/messages?from=&to=b%40example.org HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\n"
                + "Expect: 100-continue\r\nContent-Length: 9\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", replies());
        send("Sub: x\r\n\r\n".substring(0, 9));
        assertEquals(2, deliveries.size());
        complete(1, new DeliveryOutcome.Accepted("q"));
        assertTrue(replies().startsWith("HTTP/1.1 200 OK"));
    }

    @Test
    void credentialsAreCheckedAgainstTheStoreAndAlwaysDenyRefusesEveryone(@TempDir Path dir) throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "alice:secret\n");
        Credentials store = new Credentials(PasswordStore.load("file://" + users), null);
        connect(settings(10_000, false, new HttpAuth(store, null, null, true, false, false, false)), true);
        String body = "Subject: x\r\n\r\nx\r\n";
        send(post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", body));
        String challenge = replies();
        assertTrue(challenge.startsWith("HTTP/1.1 401 Unauthorized\r\n"), challenge);
        assertTrue(challenge.contains("www-authenticate: Basic realm=\"mta-listener\""), challenge);
        send(post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", body,
                "Authorization: Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes())));
        assertTrue(replies().startsWith("HTTP/1.1 401 "));
        send(post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", body,
                "Authorization: Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes())));
        assertEquals("alice", deliveries.get(0).messages().get(0).session().authenticatedUser());
        complete(0, new DeliveryOutcome.Accepted("q"));
        replies();

        connect(settings(10_000, false, new HttpAuth(store, null, null, false, true, true, false)), true);
        send(post("/v1.0/messages?from=&to=b%40example.org", "message/rfc822", body));
        assertTrue(replies().startsWith("HTTP/1.1 403 Forbidden\r\n"));
        assertEquals(1, deliveries.size());
    }

    @Test
    void digestCredentialsAnswerTheChallengeOnceEachAndAnExpiredNonceIsStale(@TempDir Path dir) throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "alice:secret\n");
        Credentials store = new Credentials(PasswordStore.load("file://" + users), "inject");
        Instant[] now = {CLOCK.instant()};
        DigestNonces nonces = new DigestNonces(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        }, Duration.ofMinutes(5));
        connect(settings(10_000, false, new HttpAuth(store, store, nonces, true, false, false, false)), true);
        String path = "/v1.0/messages?from=&to=b%40example.org";
        String body = "Subject: x\r\n\r\nx\r\n";
        send(post(path, "message/rfc822", body));
        String challenge = replies();
        assertTrue(challenge.startsWith("HTTP/1.1 401 Unauthorized\r\n"), challenge);
        assertTrue(challenge.contains("www-authenticate: Basic realm=\"inject\""), "Basic beside Digest");
        Matcher digest = Pattern.compile("www-authenticate: Digest realm=\"inject\", nonce=\"([^\"]+)\", "
                + "qop=\"auth\", algorithm=MD5\r\n").matcher(challenge);
        assertTrue(digest.find(), challenge);
        String nonce = digest.group(1);

        send(post(path, "message/rfc822", body, digest("alice", "wrong", nonce, 1, path)));
        assertTrue(replies().startsWith("HTTP/1.1 401 "), "a wrong password");
        send(post(path, "message/rfc822", body, digest("alice", "secret", nonce, 2, path)));
        assertEquals("alice", deliveries.get(0).messages().get(0).session().authenticatedUser());
        complete(0, new DeliveryOutcome.Accepted("q"));
        assertTrue(replies().startsWith("HTTP/1.1 200 OK"));

        send(post(path, "message/rfc822", body, digest("alice", "secret", nonce, 2, path)));
        String replayed = replies();
        assertTrue(replayed.startsWith("HTTP/1.1 401 ") && !replayed.contains("stale"), "a replay: " + replayed);
        send(post(path, "message/rfc822", body, digest("alice", "secret", nonce, 3, "/v1.0/messages")));
        assertTrue(replies().startsWith("HTTP/1.1 401 "), "made for another URI");
        send(post(path, "message/rfc822", body, digest("alice", "secret", "made-up", 1, path)));
        assertTrue(replies().contains("algorithm=MD5, stale=true\r\n"), "a nonce never handed out");

        now[0] = now[0].plus(Duration.ofMinutes(5));
        send(post(path, "message/rfc822", body, digest("alice", "secret", nonce, 4, path)));
        String stale = replies();
        assertTrue(stale.startsWith("HTTP/1.1 401 ") && stale.contains("algorithm=MD5, stale=true\r\n"), stale);
        assertEquals(1, deliveries.size());
    }

    /** An Authorization header as RFC 7616 section 3.4.1 computes it for qop=auth, algorithm MD5. */
    private static String digest(String user, String password, String nonce, int count, String uri) {
        String nc = String.format("%08x", count);
        String cnonce = "0a4f113b";
        String response = md5(md5(user + ":inject:" + password) + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:"
                + md5("POST:" + uri));
        return "Authorization: Digest username=\"" + user + "\", realm=\"inject\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\""
                + response + "\"";
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anMdbWithoutTransactionsTakesOneRecipientPerRequest() {
        connect(settings(10_000, false, open()), false);
        send(post("/v1.0/inject/", "application/json", INJECTION));
        String reply = replies();
        assertTrue(reply.startsWith("HTTP/1.1 422 "), reply);
        assertTrue(reply.contains("\"field\":\"recipients\""), reply);
        assertEquals(0, deliveries.size());
    }

    @Test
    void theAccessLogLineIsMomentums() {
        assertEquals("1307461172:192.168.0.197:51216 \"POST /v1.0/inject/ HTTP/1.1\" 200 224 5.000",
                AccessLog.line(Instant.ofEpochSecond(1307461172),
                        new java.net.InetSocketAddress("192.168.0.197", 51216), "POST /v1.0/inject/ HTTP/1.1", 200,
                        224, 5_000_000_000L));
    }
}
