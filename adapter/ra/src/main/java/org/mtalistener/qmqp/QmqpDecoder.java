package org.mtalistener.qmqp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import org.mtalistener.net.PausableDecoder;

/**
 * Reads one QMQP request: {@code len:} (the request), {@code len:content,} (the message, passed on in slices as it
 * arrives, never held whole), {@code len:sender,}, then {@code len:recipient,} until the request's closing comma.
 * Sender and recipients are held whole, each at most {@link #MAX_ADDRESS} bytes and all together at most
 * {@link #MAX_ENVELOPE}.
 *
 * <p>Like qmqpd it reads the request's own length and does not count it down: the closing comma ends the request.
 * Emits one item per {@link #decode} call, so a session that pauses in reaction to it stops the next one; after
 * {@link Request.End} or {@link Request.Malformed} it emits nothing more and discards all input.
 */
final class QmqpDecoder extends PausableDecoder {

    /** Bytes of one address, as qmqpd's line_length_limit. */
    static final int MAX_ADDRESS = 2048;
    /** Bytes of sender and recipients together: they are held in memory until the delivery. */
    static final int MAX_ENVELOPE = 1 << 20;
    /** Digits of a length: enough for any length this side of Long.MAX_VALUE. */
    private static final int MAX_DIGITS = 18;

    static final String FORMAT_ERROR = "netstring format error";
    static final String TOO_LONG = "netstring length exceeds storage limit";

    private enum State {
        REQUEST_LENGTH("receiving QMQP packet header"),
        MESSAGE_LENGTH("receiving message content"),
        CONTENT("receiving message content"),
        CONTENT_END("receiving message content"),
        SENDER("receiving sender address"),
        RECIPIENT("receiving recipient address"),
        DONE("");

        final String where;

        State(String where) {
            this.where = where;
        }
    }

    private State state = State.REQUEST_LENGTH;
    private long contentLeft;
    private long envelopeBytes;
    private boolean discard;

    /** Discards everything from now on: the session has answered and only waits for the client to leave. */
    void discardAll() {
        discard = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discard || state == State.DONE) {
            breakStream(in);
            return;
        }
        if (!mayDecode(in) || !in.isReadable()) {
            return;
        }
        switch (state) {
            case REQUEST_LENGTH -> {
                if (length(in, out, Long.MAX_VALUE) >= 0) {
                    state = State.MESSAGE_LENGTH;
                }
            }
            case MESSAGE_LENGTH -> {
                long length = length(in, out, Long.MAX_VALUE);
                if (length >= 0) {
                    contentLeft = length;
                    state = length == 0 ? State.CONTENT_END : State.CONTENT;
                    out.add(new Request.MessageStart(length));
                }
            }
            case CONTENT -> {
                int n = (int) Math.min(contentLeft, in.readableBytes());
                contentLeft -= n;
                if (contentLeft == 0) {
                    state = State.CONTENT_END;
                }
                out.add(in.readRetainedSlice(n));
            }
            case CONTENT_END -> {
                if (in.isReadable()) {
                    if (in.readByte() != ',') {
                        fail(in, out, FORMAT_ERROR);
                    } else {
                        state = State.SENDER;
                    }
                }
            }
            case SENDER -> {
                byte[] sender = address(in, out);
                if (sender != null) {
                    state = State.RECIPIENT;
                    out.add(new Request.Sender(sender));
                }
            }
            case RECIPIENT -> {
                if (!in.isReadable()) {
                    return;
                }
                if (in.getByte(in.readerIndex()) == ',') {
                    in.skipBytes(1);
                    state = State.DONE;
                    out.add(new Request.End());
                    return;
                }
                byte[] recipient = address(in, out);
                if (recipient != null) {
                    out.add(new Request.Recipient(recipient));
                }
            }
            default -> throw new IllegalStateException("no input is read in " + state);
        }
    }

    /** A whole {@code len:bytes,} netstring, or null: not all of it is here yet, or it is malformed. */
    private byte[] address(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        long length = length(in, out, MAX_ADDRESS);
        if (length < 0) {
            return null;
        }
        if (envelopeBytes + length > MAX_ENVELOPE) {
            fail(in, out, TOO_LONG);
            return null;
        }
        if (in.readableBytes() < length + 1) {
            in.readerIndex(start);
            return null;
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        if (in.readByte() != ',') {
            fail(in, out, FORMAT_ERROR);
            return null;
        }
        envelopeBytes += length;
        return bytes;
    }

    /**
     * A netstring's length and its colon, consumed; -1 if they are not all here yet (nothing consumed) or are
     * malformed ({@link Request.Malformed} emitted). Leading zeros are taken, as qmqpd takes them.
     */
    private long length(ByteBuf in, List<Object> out, long max) {
        int start = in.readerIndex();
        long length = 0;
        int digits = 0;
        for (int i = start; i < in.writerIndex(); i++) {
            byte b = in.getByte(i);
            if (b == ':' && digits > 0) {
                in.readerIndex(i + 1);
                return length;
            }
            if (b < '0' || b > '9' || digits == MAX_DIGITS) {
                fail(in, out, digits == MAX_DIGITS && b >= '0' && b <= '9' ? TOO_LONG : FORMAT_ERROR);
                return -1;
            }
            length = length * 10 + (b - '0');
            digits++;
            if (length > max) {
                fail(in, out, TOO_LONG);
                return -1;
            }
        }
        return -1;
    }

    private void fail(ByteBuf in, List<Object> out, String problem) {
        String where = state.where;
        state = State.DONE;
        breakStream(in);
        out.add(new Request.Malformed(problem, where));
    }
}
