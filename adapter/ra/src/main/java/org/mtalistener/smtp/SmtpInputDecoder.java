package org.mtalistener.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.mtalistener.net.PausableDecoder;

/**
 * Frames SMTP input in the mode the session asks for.
 *
 * <p>Command mode emits one {@code String} per line (ISO-8859-1, so every byte stays one char; line end removed),
 * or {@link Signal#LINE_TOO_LONG} once for a line over 512 octets, whose rest is then skipped; under
 * {@link BareNewlinePolicy#REJECT}, {@link Signal#BARE_NEWLINE} for a line ended by a bare LF or holding a CR.
 *
 * <p>Data mode, entered by {@link #startData()}, emits the content as retained {@code ByteBuf} slices, dot-stuffing
 * removed, then {@link Signal#END_OF_DATA}, and returns to command mode. Only CR LF "." CR LF ends the data, never a
 * bare CR or LF (SMTP smuggling); the CR LF of the DATA command counts as the first CR LF. Bare CR, bare LF and NUL
 * are noted ({@link #messageHadBareNewline()}) and, under {@link BareNewlinePolicy#NORMALIZE}, CR and LF become CR LF.
 *
 * <p>Chunk mode, entered by {@link #startChunk(long)} (BDAT, RFC 3030), emits exactly that many octets as retained
 * {@code ByteBuf} slices, as they are (no dot-stuffing, binary safe), then {@link Signal#END_OF_CHUNK}, and returns to
 * command mode.
 *
 * <p>Slow clients are cut off ({@link Signal#TOO_SLOW}, once; then nothing more is decoded): a command line must be
 * complete within the request time of its first octet, and the content of a DATA or BDAT request within the request
 * time of its first octet plus one second per {@code minDataRate} octets received (Postfix's per-request deadline
 * and {@code smtpd_min_data_rate}). A client that sends nothing at all is the idle timer's. Time the decoder spends
 * paused (a delivery, the disk) is ours, not the client's, and does not count.
 *
 * <p>{@link #pause()} stops all output and keeps unread input (pipelined commands) for {@link #resume()}.
 */
final class SmtpInputDecoder extends PausableDecoder {

    enum Signal {
        LINE_TOO_LONG,
        END_OF_DATA,
        END_OF_CHUNK,
        BARE_NEWLINE,
        TOO_SLOW
    }

    /** RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets including its CRLF. */
    static final int MAX_LINE = 512;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte NUL = 0;
    /** Stops at the bytes that end a run of ordinary content: CR, and the bare LF or NUL the policy looks for. */
    private static final ByteProcessor LINE_BYTE = b -> b != CR && b != LF && b != NUL;
    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] {CR, LF}).asReadOnly());
    private static final ByteBuf LF_ONLY = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] {LF}).asReadOnly());

    /** Where the data scan stands relative to CR LF line starts; bare CR or LF never make a line start. */
    private enum Position {
        LINE_START,
        MID_LINE,
        AFTER_CR
    }

    private final BareNewlinePolicy policy;
    private final long requestNanos;
    private final long minDataRate;
    private EventExecutor executor;
    /** When the command line held in part began, or -1. */
    private long lineStart = -1;
    /** When the content of the current DATA or BDAT request began (moved on by the time paused), or -1. */
    private long contentStart = -1;
    private long contentBytes;
    private long pausedAt = -1;
    private boolean tooSlow;
    private boolean dataMode;
    /** The message in data mode held a bare CR or LF, or a NUL. */
    private boolean bareNewline;
    /** Octets of the BDAT chunk still to come; 0 outside chunk mode. */
    private long chunkLeft;
    private Position position;
    private boolean skippingLongLine;

    /**
     * @param requestTime the time a command line, and the content of a request before its data rate counts, may
     *                    take; zero: no bound
     * @param minDataRate octets a second that earn content a second more; zero: content has no bound but the idle
     *                    timer
     */
    SmtpInputDecoder(BareNewlinePolicy policy, Duration requestTime, long minDataRate) {
        this.policy = policy;
        this.requestNanos = requestTime.toNanos();
        this.minDataRate = minDataRate;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        executor = ctx.executor();
        super.handlerAdded(ctx);
    }

    @Override
    public void pause() {
        if (pausedAt < 0) {
            pausedAt = now();
        }
        super.pause();
    }

    @Override
    public void resume() {
        if (pausedAt >= 0) {
            long paused = now() - pausedAt;
            pausedAt = -1;
            if (contentStart >= 0) {
                contentStart += paused;
            }
            if (lineStart >= 0) {
                lineStart += paused;
            }
        }
        super.resume();
    }

    /** The event loop's clock (a test's embedded loop can move it). */
    private long now() {
        return executor instanceof AbstractScheduledEventExecutor scheduled ? scheduled.ticker().nanoTime()
                : System.nanoTime();
    }

    /** Switches to data mode; called by the session as it answers DATA with 354, before any more input is read. */
    void startData() {
        dataMode = true;
        bareNewline = false;
        position = Position.LINE_START;
        startContent();
    }

    /** Whether the message of the last (or current) data mode held a bare CR or LF, or a NUL. */
    boolean messageHadBareNewline() {
        return bareNewline;
    }

    /**
     * Switches to chunk mode for {@code size} octets (more than zero); called by the session as it takes a BDAT
     * command, before any more input is read.
     */
    void startChunk(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a chunk to read has at least one octet: " + size);
        }
        chunkLeft = size;
        startContent();
    }

    private void startContent() {
        lineStart = -1;
        contentStart = -1;
        contentBytes = 0;
    }

    /** Whether the request under way has taken longer than its bound; {@code now} stamps a request's first octet. */
    private boolean overdue(ByteBuf in, long now) {
        if (requestNanos == 0 || !in.isReadable()) {
            return false;
        }
        if (chunkLeft > 0 || dataMode) {
            if (contentStart < 0) {
                contentStart = now;
            }
            if (minDataRate == 0) {
                return false;
            }
            long earned = contentBytes > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE / 2
                    : contentBytes * 1_000_000_000L / minDataRate;
            return now - contentStart > requestNanos + earned;
        }
        if (lineStart < 0) {
            lineStart = now;
            return false;
        }
        return now - lineStart > requestNanos;
    }

    /**
     * Throws away the input received but not decoded yet, e.g. what was pipelined after STARTTLS: plain text that
     * must never be read as commands of the TLS session. Call on the event loop.
     *
     * @return how many bytes were thrown away
     */
    int discardInput() {
        ByteBuf held = internalBuffer();
        int bytes = held.readableBytes();
        held.skipBytes(bytes);
        skippingLongLine = false;
        return bytes;
    }

    /** Bytes received but not decoded yet. */
    int heldBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!mayDecode(in)) {
            return;
        }
        if (tooSlow || overdue(in, now())) {
            if (!tooSlow) {
                tooSlow = true;
                out.add(Signal.TOO_SLOW);
            }
            breakStream(in);
            return;
        }
        int before = in.readerIndex();
        if (chunkLeft > 0) {
            decodeChunk(in, out);
        } else if (dataMode) {
            decodeData(in, out);
        } else {
            decodeLine(in, out);
            return;
        }
        contentBytes += in.readerIndex() - before;
    }

    /** One line per call, so the session can switch modes before the next line is framed. */
    private void decodeLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        if (skippingLongLine) {
            int lf = in.indexOf(start, in.writerIndex(), LF);
            skippingLongLine = lf < 0;
            in.readerIndex(lf < 0 ? in.writerIndex() : lf + 1);
            return;
        }
        int lf = in.indexOf(start, start + Math.min(in.readableBytes(), MAX_LINE), LF);
        if (lf < 0) {
            if (in.readableBytes() >= MAX_LINE) {
                // The rest of the line, up to its LF, is skipped by the next calls; what follows it is kept.
                skippingLongLine = true;
                in.skipBytes(MAX_LINE);
                out.add(Signal.LINE_TOO_LONG);
            }
            return;
        }
        int end = lf > start && in.getByte(lf - 1) == CR ? lf - 1 : lf;
        in.readerIndex(lf + 1);
        lineStart = -1; // the next line's first octet is already here: it starts its clock on the next call
        if (policy == BareNewlinePolicy.REJECT && (end == lf || in.indexOf(start, end, CR) >= 0)) {
            out.add(Signal.BARE_NEWLINE);
        } else if (end - start > MAX_LINE - 2) {
            out.add(Signal.LINE_TOO_LONG);
        } else {
            out.add(in.toString(start, end - start, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Emits the content up to the end of the buffer as few slices as dot-stuffing allows. A dot at a line start is
     * left unread until the bytes after it show whether it is stuffing or the end of the data.
     */
    private void decodeData(ByteBuf in, List<Object> out) {
        final int end = in.writerIndex();
        int runStart = in.readerIndex();
        int i = runStart;
        scan:
        while (true) {
            switch (position) {
                case LINE_START -> {
                    if (i == end) {
                        break scan;
                    }
                    if (in.getByte(i) != DOT) {
                        position = Position.MID_LINE;
                        continue;
                    }
                    if (i + 1 == end || (in.getByte(i + 1) == CR && i + 2 == end)) {
                        break scan;
                    }
                    emit(in, runStart, i, out);
                    if (in.getByte(i + 1) == CR && in.getByte(i + 2) == LF) {
                        in.readerIndex(i + 3);
                        out.add(Signal.END_OF_DATA);
                        dataMode = false;
                        return;
                    }
                    // A dot followed by anything but CR LF is stuffing: drop it, keep what follows.
                    runStart = i + 1;
                    i++;
                    position = Position.MID_LINE;
                }
                case MID_LINE -> {
                    int stop = i == end ? -1 : in.forEachByte(i, end - i, LINE_BYTE);
                    if (stop < 0) {
                        i = end;
                        break scan;
                    }
                    byte b = in.getByte(stop);
                    i = stop + 1;
                    if (b == CR) {
                        position = Position.AFTER_CR;
                    } else if (b == LF) {
                        bareNewline = true;
                        if (policy == BareNewlinePolicy.NORMALIZE) {
                            emit(in, runStart, stop, out);
                            out.add(CRLF.duplicate());
                            runStart = i;
                        }
                    } else {
                        bareNewline = true; // NUL, kept as it is
                    }
                }
                case AFTER_CR -> {
                    if (i == end) {
                        break scan;
                    }
                    if (in.getByte(i) == LF) {
                        i++;
                        position = Position.LINE_START;
                    } else {
                        bareNewline = true;
                        if (policy == BareNewlinePolicy.NORMALIZE) {
                            emit(in, runStart, i, out);
                            out.add(LF_ONLY.duplicate());
                            runStart = i;
                        }
                        position = Position.MID_LINE;
                    }
                }
            }
        }
        emit(in, runStart, i, out);
        in.readerIndex(i);
    }

    private void decodeChunk(ByteBuf in, List<Object> out) {
        int length = (int) Math.min(chunkLeft, in.readableBytes());
        out.add(in.readRetainedSlice(length));
        chunkLeft -= length;
        if (chunkLeft == 0) {
            out.add(Signal.END_OF_CHUNK);
        }
    }

    private static void emit(ByteBuf in, int from, int to, List<Object> out) {
        if (to > from) {
            out.add(in.retainedSlice(from, to - from));
        }
    }
}
