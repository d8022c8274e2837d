package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@link ProtocolSession}, the lifecycle every protocol shares, with a made-up line protocol: {@code WAIT} hands the
 * line to a pretend endpoint whose answer the test gives; every other line is echoed.
 */
class ProtocolSessionTest {

    /** Lines, one per {@code \n}; holds them while paused. */
    private static final class Lines extends PausableDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (!mayDecode(in)) {
                return;
            }
            int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (end >= 0) {
                out.add(in.readCharSequence(end - in.readerIndex(), StandardCharsets.US_ASCII).toString());
                in.skipBytes(1);
            }
        }
    }

    private static final class Echo extends ProtocolSession {

        final List<String> read = new ArrayList<>();
        int greetings;
        boolean waiting;
        boolean ended;
        Boolean disconnectedUnexpectedly;

        Echo(Lines decoder) {
            super(Logger.getLogger(ProtocolSessionTest.class.getName()), decoder, Duration.ofSeconds(10));
        }

        @Override
        protected void opened() {
            greetings++;
            say("hello");
        }

        @Override
        protected void read(Object msg) {
            String line = (String) msg;
            read.add(line);
            if (line.equals("WAIT")) {
                waiting = true;
                updateReading();
            } else {
                say(line);
            }
        }

        void answer(String answer) {
            waiting = false;
            say(answer);
            readAgain();
        }

        private void say(String text) {
            ctx().writeAndFlush(Unpooled.copiedBuffer(text + "\n", StandardCharsets.US_ASCII));
        }

        @Override
        protected boolean awaitsAnswer() {
            return waiting;
        }

        @Override
        protected boolean readsNow() {
            return !waiting;
        }

        @Override
        protected void idle() {
            closeWith(Unpooled.copiedBuffer("idle\n", StandardCharsets.US_ASCII));
        }

        @Override
        protected void listenerClosing() {
            closeWith(Unpooled.copiedBuffer("bye\n", StandardCharsets.US_ASCII));
        }

        @Override
        protected void ended() {
            ended = true;
        }

        @Override
        protected void disconnected(boolean unexpectedly) {
            disconnectedUnexpectedly = unexpectedly;
        }

        @Override
        public String name() {
            return "test";
        }
    }

    private final Lines decoder = new Lines();
    private final Echo session = new Echo(decoder);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder, session);

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private List<String> written() {
        List<String> lines = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            String text = out.toString(StandardCharsets.US_ASCII);
            out.release();
            lines.add(text.substring(0, text.length() - 1));
        }
        return lines;
    }

    @Test
    void greetsOnceWhenTheConnectionOpens() {
        channel.pipeline().fireChannelActive();
        assertEquals(1, session.greetings);
        assertEquals(List.of("hello"), written());
    }

    @Test
    void anIdleClientIsToldAndClosed() {
        written();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertEquals(List.of("idle"), written());
        assertFalse(channel.isOpen());
        assertTrue(session.ended);
        assertEquals(false, session.disconnectedUnexpectedly);
    }

    @Test
    void theLoopsSweepTellsAClientSilentForItsIdleTimeCountedFromItsLastReadOrOurAnswer() {
        channel.freezeTime();
        written();
        later(9);
        send("ping\n");
        later(9);
        assertEquals(List.of("ping"), written());
        assertTrue(channel.isOpen(), "a read starts the idle time again");
        send("WAIT\n");
        later(60);
        assertTrue(channel.isOpen(), "waiting for the endpoint is not idling");
        session.answer("done");
        later(9);
        assertTrue(channel.isOpen(), "a whole idle time after the answer");
        later(2);
        assertEquals(List.of("done", "idle"), written());
        assertFalse(channel.isOpen());
        assertEquals(false, session.disconnectedUnexpectedly);
    }

    private void later(int seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runPendingTasks();
    }

    @Test
    void waitingForTheEndpointIsNotIdlingAndWriterIdleIsNotTheClients() {
        written();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertTrue(channel.isOpen());
        send("WAIT\n");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertTrue(channel.isOpen());
        assertEquals(List.of(), written());
    }

    @Test
    void aClosingListenerClosesAnIdleSessionAtOnce() {
        written();
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertEquals(List.of("bye"), written());
        assertFalse(channel.isOpen());
    }

    @Test
    void aClosingListenerLetsTheAwaitedAnswerGoOutFirst() {
        written();
        send("WAIT\nafter\n");
        channel.pipeline().fireUserEventTriggered(ListenerClosing.EVENT);
        assertTrue(channel.isOpen(), "the client waits for our answer");
        assertEquals(List.of(), written());

        session.answer("answer");
        assertEquals(List.of("answer", "bye"), written());
        assertFalse(channel.isOpen());
        assertEquals(List.of("WAIT"), session.read, "input held during the wait is never read");
    }

    @Test
    void aFailureClosesTheSessionOnce() {
        written();
        channel.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertFalse(channel.isOpen());
        assertTrue(session.ended);
        assertEquals(false, session.disconnectedUnexpectedly);
    }

    @Test
    void aConnectionLostWhileOpenIsUnexpected() {
        written();
        channel.close();
        assertEquals(true, session.disconnectedUnexpectedly);
        assertFalse(session.ended, "the session did not end it");
    }

    @Test
    void readingIsHeldWhileTheEndpointHasTheTurnAndResumesWithWhatCameMeanwhile() {
        written();
        send("WAIT\none\n");
        assertFalse(channel.config().isAutoRead());
        assertEquals(List.of("WAIT"), session.read, "the decoder holds what came after");

        send("two\n");
        assertEquals(List.of("WAIT"), session.read);

        session.answer("answer");
        assertTrue(channel.config().isAutoRead());
        assertEquals(List.of("WAIT", "one", "two"), session.read);
        assertEquals(List.of("answer", "one", "two"), written());
    }

    @Test
    void aClosedSessionReadsNothingMore() {
        written();
        ChannelHandlerContext ctx = channel.pipeline().context(session);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        ByteBuf late = Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII);
        session.channelRead(ctx, late);
        assertEquals(0, late.refCnt(), "released by the session");
        session.channelRead(ctx, "late");
        assertEquals(List.of(), session.read);
    }

    @Test
    void theHopRunsOnTheEventLoop() {
        List<String> ran = new ArrayList<>();
        session.onEventLoop(() -> ran.add("task"));
        assertEquals(List.of(), ran);
        channel.runPendingTasks();
        assertEquals(List.of("task"), ran);
    }

    @Test
    void aWaitOverOnOurSideMovesTheSessionOn() {
        written();
        send("WAIT\nnext\n");
        session.waiting = false;
        session.waitOver();
        assertTrue(channel.config().isAutoRead());
        assertEquals(List.of("WAIT", "next"), session.read);
        assertNull(channel.readInbound());
    }
}
