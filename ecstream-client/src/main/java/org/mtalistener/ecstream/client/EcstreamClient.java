package org.mtalistener.ecstream.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A connection to an ECStream listener ({@code docs/ecstream.md}). Sends messages without waiting for their
 * replies, up to the server's batch size, and completes each message's future when its reply arrives.
 *
 * <pre>{@code
 * try (EcstreamClient client = EcstreamClient.connect("127.0.0.1", 1825)) {
 *     MessageReply reply = client.send(new Envelope("a@x.example", List.of("b@y.example")), bytes).join();
 * }
 * }</pre>
 *
 * <p>{@code send} may be called from several threads; messages go out one at a time, in the order of the calls.
 * Replies are read by a daemon thread of the client's own.
 */
public final class EcstreamClient implements AutoCloseable {

    /** DATA frames of this size: large enough to cost little, small enough to stream. */
    private static final int CHUNK = 64 << 10;

    private final SocketChannel channel;
    private final DataInputStream in;
    private final OutputStream out;
    private final int version;
    private final int maxBatchSize;
    private final long maxMessageSize;
    private final Semaphore batch;
    private final ConcurrentLinkedQueue<Outstanding> outstanding = new ConcurrentLinkedQueue<>();
    private final Object sending = new Object();
    private final Thread reader;
    private long nextTag;
    /** Why the connection can no longer be used; null while it can. */
    private volatile String ended;

    private record Outstanding(long tag, CompletableFuture<MessageReply> reply) {
    }

    private EcstreamClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new DataInputStream(new BufferedInputStream(channelInput(channel), CHUNK));
        this.out = new BufferedOutputStream(channelOutput(channel), CHUNK + 64);
        this.version = negotiate();
        Frames.Frame ready = expect(Frames.READY, "READY");
        ready.u16();
        this.maxBatchSize = (int) Math.min(Integer.MAX_VALUE, ready.u32());
        ready.u32(); // max frame: the client's DATA frames are smaller anyway
        this.maxMessageSize = ready.u64();
        this.batch = new Semaphore(maxBatchSize);
        this.reader = new Thread(this::readReplies, "ecstream-replies " + channel.getRemoteAddress());
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects over TCP. */
    public static EcstreamClient connect(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port));
    }

    /** Connects to a listener's Unix domain socket. */
    public static EcstreamClient connect(Path unixSocket) throws IOException {
        return connect(UnixDomainSocketAddress.of(unixSocket));
    }

    /** Connects to an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public static EcstreamClient connect(SocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        try {
            return new EcstreamClient(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The protocol version spoken on this connection. */
    public int version() {
        return version;
    }

    /** The most messages the server lets this client have unanswered. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** The largest content the server takes, in bytes; 0 = no limit. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** As {@link #send(Envelope, InputStream)}. */
    public CompletableFuture<MessageReply> send(Envelope envelope, byte[] content) throws IOException {
        return send(envelope, new ByteArrayInputStream(content));
    }

    /**
     * Sends one message, its content read from {@code content} to its end (not closed here). Returns once the
     * message is written — after waiting for a reply first if the batch is full. The future completes with the
     * server's reply, or exceptionally with an {@link EcstreamException} if the connection ends before it.
     *
     * @throws IOException reading {@code content} failed (the message is aborted; the connection stays usable), or
     *                     the connection is broken
     */
    public CompletableFuture<MessageReply> send(Envelope envelope, InputStream content) throws IOException {
        synchronized (sending) {
            requireOpen();
            try {
                batch.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for room in the batch");
            }
            requireOpen();
            long tag = ++nextTag;
            Outstanding message = new Outstanding(tag, new CompletableFuture<>());
            // Queued before it is written: its reply can only come after its END.
            outstanding.add(message);
            Frames.write(out, Frames.MESSAGE, envelopeFields(tag, envelope));
            byte[] chunk = new byte[CHUNK];
            long length = 0;
            while (true) {
                int n;
                try {
                    n = Frames.fill(content, chunk);
                } catch (IOException e) {
                    Frames.write(out, Frames.ABORT, new Frames.Fields().u64(tag));
                    out.flush();
                    throw e;
                }
                if (n > 0) {
                    Frames.write(out, Frames.DATA, chunk, n);
                    length += n;
                }
                if (n < chunk.length) {
                    break;
                }
            }
            Frames.write(out, Frames.END, new Frames.Fields().u64(tag).u64(length));
            // Each message is flushed: the server may be waiting for it, and the reply with it.
            out.flush();
            return message.reply;
        }
    }

    private static Frames.Fields envelopeFields(long tag, Envelope envelope) {
        Frames.Fields fields = new Frames.Fields().u64(tag).str16(envelope.sender(), "sender")
                .u16(envelope.recipients().size());
        envelope.recipients().forEach(r -> fields.str16(r, "recipient"));
        fields.u16(envelope.parameters().size());
        for (Map.Entry<String, String> parameter : envelope.parameters().entrySet()) {
            fields.str16(parameter.getKey(), "parameter name").str16(parameter.getValue(), "parameter value");
        }
        return fields;
    }

    /** Ends cleanly: QUIT, then waits until every message sent has its reply and the server said BYE. */
    @Override
    public void close() throws IOException {
        try {
            synchronized (sending) {
                if (ended == null) {
                    Frames.write(out, Frames.QUIT, new byte[0], 0);
                    out.flush();
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the last replies");
        } finally {
            channel.close();
        }
    }

    /** Drops the connection at once. Messages without a reply fail; the server may still deliver some of them. */
    public void abort() throws IOException {
        ended = "aborted by the client";
        channel.close();
    }

    private void requireOpen() throws EcstreamException {
        String reason = ended;
        if (reason != null) {
            throw new EcstreamException("the connection is closed: " + reason);
        }
    }

    private int negotiate() throws IOException {
        Frames.Frame hello = expect(Frames.HELLO, "HELLO");
        byte[] magic = new byte[Frames.MAGIC.length];
        hello.payload().get(magic);
        if (!java.util.Arrays.equals(magic, Frames.MAGIC)) {
            throw new EcstreamException("not an ECStream server: HELLO without its ECSTREAM mark");
        }
        List<Integer> offered = new ArrayList<>();
        for (int count = hello.u8(); count > 0; count--) {
            offered.add(hello.u16());
        }
        if (!offered.contains(Frames.VERSION_1)) {
            throw new EcstreamException("the server speaks ECStream versions " + offered + "; this client speaks "
                    + Frames.VERSION_1);
        }
        Frames.write(out, Frames.VERSION, new Frames.Fields().u16(Frames.VERSION_1));
        out.flush();
        return Frames.VERSION_1;
    }

    /** Reads the next frame, which must be {@code type}; BYE and ERROR end the connection with their text. */
    private Frames.Frame expect(int type, String name) throws IOException {
        Frames.Frame frame = Frames.read(in);
        try {
            if (frame.type() == Frames.BYE || frame.type() == Frames.ERROR) {
                throw new EcstreamException(farewell(frame));
            }
            if (frame.type() != type) {
                throw new EcstreamException(String.format("expected %s, the server sent frame type 0x%02X", name,
                        frame.type()));
            }
        } catch (BufferUnderflowException e) {
            throw new EcstreamException("the server sent a truncated frame");
        }
        return frame;
    }

    private static String farewell(Frames.Frame frame) throws CharacterCodingException {
        int code = frame.u16();
        String text = frame.str16();
        return (frame.type() == Frames.BYE ? "the server said goodbye: " : "the server reported error ")
                + code + " " + text;
    }

    /** The reply reader: completes the futures in order until BYE, ERROR or the end of the connection. */
    private void readReplies() {
        String reason;
        try {
            while (true) {
                Frames.Frame frame = Frames.read(in);
                int type = frame.type();
                if (type == Frames.BYE || type == Frames.ERROR) {
                    reason = farewell(frame);
                    break;
                }
                if (type != Frames.ACCEPTED && type != Frames.TEMPFAIL && type != Frames.PERMFAIL) {
                    reason = String.format("the server sent unexpected frame type 0x%02X", type);
                    break;
                }
                MessageReply reply = reply(frame);
                Outstanding next = outstanding.poll();
                if (next == null || next.tag != reply.tag()) {
                    reason = "the server answered tag " + Long.toUnsignedString(reply.tag()) + " where "
                            + (next == null ? "no message" : "tag " + next.tag) + " was due";
                    break;
                }
                batch.release();
                next.reply.complete(reply);
            }
        } catch (IOException | RuntimeException e) {
            reason = ended != null ? ended : e.getMessage();
        }
        finish(reason);
    }

    private static MessageReply reply(Frames.Frame frame) throws CharacterCodingException {
        long tag = frame.u64();
        if (frame.type() == Frames.ACCEPTED) {
            return new MessageReply(tag, MessageReply.Status.ACCEPTED, frame.str16(), 250, "", "");
        }
        int code = frame.u16();
        String enhanced = frame.str16();
        MessageReply.Status status =
                frame.type() == Frames.TEMPFAIL ? MessageReply.Status.TEMPFAIL : MessageReply.Status.PERMFAIL;
        return new MessageReply(tag, status, "", code, enhanced, frame.str16());
    }

    private void finish(String reason) {
        if (ended == null) {
            ended = reason;
        }
        for (Outstanding left; (left = outstanding.poll()) != null; ) {
            left.reply.completeExceptionally(new EcstreamException("no reply: " + ended));
        }
        // Wakes senders waiting for room; they find the connection ended.
        batch.release(maxBatchSize);
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that is already gone; nothing left to tell anyone
        }
    }

    /** Plain blocking reads on the channel; unlike Channels.newInputStream they never lock out a writer. */
    private static InputStream channelInput(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream channelOutput(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }
}
