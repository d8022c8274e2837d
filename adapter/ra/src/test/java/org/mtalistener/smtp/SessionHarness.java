package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.DeliveryOutcome;
import org.mtalistener.delivery.QueueIds;

/**
 * One SMTP session on an {@link EmbeddedChannel}, with a client address, a fixed clock, a {@link FakeDeliverer} and
 * content buffers that spill to a temp dir after 64 bytes. {@link #close()} checks that every input buffer was
 * released and every spill file deleted.
 */
final class SessionHarness implements AutoCloseable {

    static final String BANNER_HOST = "mx.example.com";
    static final String RECEIVED_HOST = "relay.example.com";
    static final String LISTENER = "ESMTP_Listener 198.51.100.1:25";
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40123);
    static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 25);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-08T16:21:51Z"), ZoneOffset.ofHours(-5));
    static final String DATE = "Sat, 8 Mar 2025 11:21:51 -0500";
    static final String GREETING = "220 mx.example.com ESMTP MTA Listener Adapter " + DATE + "\r\n";
    static final String EHLO_REPLY = "250-mx.example.com says EHLO to 192.0.2.7\r\n"
            + "250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE\r\n250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n"
            + "250-BINARYMIME\r\n250 SMTPUTF8\r\n";
    static final String START_DATA = "354 continue.  finished with \"\\r\\n.\\r\\n\"\r\n";

    /** Kept here so the level set on it survives garbage collection. */
    private static final Logger SMTP_LOG = Logger.getLogger("org.mtalistener.smtp");

    final FakeDeliverer deliverer = new FakeDeliverer();
    /** The MDB's recipient check; asked only under settings with Recipient_Check. */
    final FakeChecker checker = new FakeChecker();
    /** The 4xx and 5xx replies of the listener's own, as the listener's counters get them. */
    final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    final EmbeddedChannel channel = new ClientChannel();
    final String greeting;
    private final SmtpSettings settings;
    private final Path spillDir;
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final List<LogRecord> log = new ArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // Formatting here runs the log lambdas, so a broken message fails the test.
            record.getMessage();
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean warningsExpected;

    SessionHarness(Path spillDir) {
        this(spillDir, settings(0, 0, Duration.ZERO), Runnable::run);
    }

    SessionHarness(Path spillDir, SmtpSettings settings) {
        this(spillDir, settings, Runnable::run);
    }

    SessionHarness(Path spillDir, SmtpSettings settings, Executor io) {
        this(spillDir, settings, io, client -> settings);
    }

    /** {@code lookup}: the settings of a client that XCLIENT or XREMOTEIP names. */
    SessionHarness(Path spillDir, SmtpSettings settings, Function<SocketAddress, SmtpSettings> lookup) {
        this(spillDir, settings, Runnable::run, lookup);
    }

    private SessionHarness(Path spillDir, SmtpSettings settings, Executor io,
                           Function<SocketAddress, SmtpSettings> lookup) {
        this.spillDir = spillDir;
        this.settings = settings;
        SMTP_LOG.setLevel(Level.FINE);
        SMTP_LOG.setUseParentHandlers(false);
        SMTP_LOG.addHandler(logHandler);
        new SmtpProtocol(settings, deliverer, checker, () -> new ContentBuffer(io, spillDir, 64), new QueueIds(),
                CLOCK, refusals::incrementAndGet).initChannel(channel, settings, lookup);
        greeting = replies();
    }

    static SmtpSettings settings(long maxMessageSize, int maxRecipients, Duration idleTime) {
        return new SmtpSettings(LISTENER, BANNER_HOST, RECEIVED_HOST, maxMessageSize, maxRecipients, idleTime);
    }

    /** The defaults, with {@code bareNewlines} for Bare_Newline_Policy. */
    static SmtpSettings settings(BareNewlinePolicy bareNewlines) {
        return new SmtpSettings(LISTENER, BANNER_HOST, RECEIVED_HOST, 0, 0, Duration.ZERO,
                SmtpPolicy.builder().bareNewlines(bareNewlines).build(), TlsSettings.NONE);
    }

    /** Writes {@code text} (chars as bytes) as one read. */
    void send(String text) {
        ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        inputs.add(buffer);
        channel.writeInbound(buffer);
    }

    /** Everything written to the client since the last call. */
    String replies() {
        channel.runPendingTasks(); // the turn of the event loop ends: the session flushes what it wrote
        StringBuilder out = new StringBuilder();
        for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
            out.append(buffer.toString(StandardCharsets.ISO_8859_1));
            buffer.release();
        }
        return out.toString();
    }

    /** Sends EHLO and drops its reply. */
    SessionHarness ehlo() {
        send("EHLO client.example.org\r\n");
        long max = settings.maxMessageSize();
        assertEquals(max == 0 ? EHLO_REPLY : EHLO_REPLY.replace("250-SIZE\r\n", "250-SIZE " + max + "\r\n"),
                replies());
        return this;
    }

    /** Sends EHLO and drops its reply, unchecked when {@code check} is false (the reply depends on the settings). */
    SessionHarness ehlo(boolean check) {
        if (check) {
            return ehlo();
        }
        send("EHLO client.example.org\r\n");
        replies();
        return this;
    }

    /** Completes delivery {@code index} as a delivery thread would, then lets the event loop run. */
    void complete(int index, DeliveryOutcome outcome) {
        deliverer.deliveries.get(index).outcome.complete(outcome);
        channel.runPendingTasks();
    }

    /** Gives check {@code index} its verdict as a delivery thread would, then lets the event loop run. */
    void verdict(int index, org.mtalistener.delivery.RecipientVerdict verdict) {
        checker.checks.get(index).verdict().complete(verdict);
        channel.runPendingTasks();
    }

    void fail(int index, Throwable failure) {
        deliverer.deliveries.get(index).outcome.completeExceptionally(failure);
        channel.runPendingTasks();
    }

    long spillFiles() {
        try (Stream<Path> files = Files.list(spillDir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<LogRecord> log() {
        return log;
    }

    void expectWarnings() {
        warningsExpected = true;
    }

    @Override
    public void close() {
        try {
            channel.finishAndReleaseAll();
            for (ByteBuf input : inputs) {
                assertEquals(0, input.refCnt(), "an input buffer was not released");
            }
            assertEquals(0, spillFiles(), "content was not released");
            if (!warningsExpected) {
                assertEquals(List.of(), log.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                        .map(LogRecord::getMessage).toList(), "unexpected warnings");
            }
        } finally {
            SMTP_LOG.removeHandler(logHandler);
        }
    }

    /** An embedded channel with a real-looking peer, as an accepted TCP connection has. */
    private static final class ClientChannel extends EmbeddedChannel {
        @Override
        protected SocketAddress remoteAddress0() {
            return CLIENT;
        }

        @Override
        protected SocketAddress localAddress0() {
            return SERVER;
        }
    }
}
