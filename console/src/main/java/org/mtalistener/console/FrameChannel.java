package org.mtalistener.console;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console's frames on one socket, TCP or Unix: requests out, replies in. The channel is non-blocking and waits
 * in selectors, so one wait covers both kinds of socket (a Unix {@link SocketChannel} has no {@code SO_TIMEOUT})
 * and a closed connection can be noticed without sending anything. One thread may write while another reads.
 */
final class FrameChannel implements Closeable {

    static final int COMMAND = 1;
    static final int AUTH = 3;
    /** The largest request payload: its length is two bytes. */
    static final int MAX_REQUEST = 65535;

    private final SocketChannel channel;
    private final String peer;
    private final Selector readable;
    private final Selector writable;
    /** Read mode: holds what was received and not yet taken. */
    private final ByteBuffer in = ByteBuffer.allocate(64 << 10).flip();
    private final long timeoutMillis;
    private final Object reading = new Object();
    private final Object writing = new Object();

    private FrameChannel(SocketChannel channel, String peer, Duration timeout) throws IOException {
        this.channel = channel;
        this.peer = peer;
        this.timeoutMillis = timeout.toMillis();
        channel.configureBlocking(false);
        readable = Selector.open();
        writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    /**
     * Connects; {@code connectTimeout} bounds a TCP connect, {@code timeout} every later wait for the server
     * ({@link Duration#ZERO}: no bound).
     */
    static FrameChannel connect(SocketAddress address, String peer, Duration connectTimeout, Duration timeout)
            throws IOException {
        SocketChannel channel;
        if (address instanceof UnixDomainSocketAddress) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new UnknownHostException("unknown host " + inet.getHostString());
        } else {
            channel = SocketChannel.open();
        }
        try {
            if (address instanceof UnixDomainSocketAddress) {
                channel.connect(address);
            } else {
                channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            }
            return new FrameChannel(channel, peer, timeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one request. */
    void write(int type, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_REQUEST) {
            throw new IllegalArgumentException("a request holds at most " + MAX_REQUEST + " bytes, this one "
                    + bytes.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + bytes.length)
                .putShort((short) type).putShort((short) bytes.length).put(bytes).flip();
        synchronized (writing) {
            long deadline = deadline();
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    await(writable, deadline, "could not send to " + peer);
                }
            }
        }
    }

    /** Waits for the next reply. */
    ConsoleReply read() throws IOException {
        synchronized (reading) {
            long deadline = deadline();
            if (!in.hasRemaining()) {
                if (!fill(deadline)) {
                    throw new EOFException(peer + " closed the connection");
                }
            }
            int code = (int) number(2, deadline);
            ConsoleReply.Type type = ConsoleReply.Type.of(code);
            if (type == null) {
                throw new ProtocolException(peer + " sent reply type " + code + " (expected 1-4): the frames are "
                        + "out of step");
            }
            long length = number(type == ConsoleReply.Type.LONG_TEXT ? 4 : 2, deadline);
            if (length > Integer.MAX_VALUE - 64) {
                throw new ProtocolException(peer + " announced a reply of " + length + " bytes, more than this client "
                        + "holds");
            }
            byte[] payload = new byte[(int) length];
            int taken = 0;
            while (taken < payload.length) {
                if (!in.hasRemaining()) {
                    fillInside(deadline);
                }
                int n = Math.min(in.remaining(), payload.length - taken);
                in.get(payload, taken, n);
                taken += n;
            }
            return new ConsoleReply(type, new String(payload, StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether the server has closed the connection, found without waiting or sending: the console sends nothing on
     * its own, so an idle connection that has anything to read has been closed (idle {@code Timeout}).
     */
    boolean closedByServer() throws IOException {
        synchronized (reading) {
            if (in.hasRemaining()) {
                return false;
            }
            in.compact();
            try {
                return channel.read(in) < 0;
            } finally {
                in.flip();
            }
        }
    }

    /** Waits, up to the timeout, for the server to close the connection; what it sends meanwhile is dropped. */
    void awaitClose(Duration wait) throws IOException {
        synchronized (reading) {
            long deadline = System.currentTimeMillis() + wait.toMillis();
            try {
                while (true) {
                    in.clear().flip();
                    if (!fill(deadline)) {
                        return;
                    }
                }
            } catch (SocketTimeoutException e) {
                // A server that does not close is not this client's problem: it closes its side now.
            }
        }
    }

    private long deadline() {
        return timeoutMillis == 0 ? 0 : System.currentTimeMillis() + timeoutMillis;
    }

    private long number(int bytes, long deadline) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            if (!in.hasRemaining()) {
                fillInside(deadline);
            }
            value = value << 8 | (in.get() & 0xFF);
        }
        return value;
    }

    private void fillInside(long deadline) throws IOException {
        if (!fill(deadline)) {
            throw new EOFException(peer + " closed the connection in the middle of a reply");
        }
    }

    /** Reads what has come, waiting for at least one byte; false at the end of the stream. */
    private boolean fill(long deadline) throws IOException {
        in.compact();
        try {
            while (true) {
                int n = channel.read(in);
                if (n > 0) {
                    return true;
                }
                if (n < 0) {
                    return false;
                }
                await(readable, deadline, "no reply from " + peer);
            }
        } finally {
            in.flip();
        }
    }

    private void await(Selector selector, long deadline, String what) throws IOException {
        try {
            selector.selectedKeys().clear();
            long left = deadline == 0 ? 0 : deadline - System.currentTimeMillis();
            if (deadline != 0 && left <= 0) {
                throw new SocketTimeoutException(what + " within " + timeoutMillis + " ms");
            }
            selector.select(left);
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            readable.close();
            writable.close();
        }
    }
}
