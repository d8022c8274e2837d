package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleDecoderTest {

    private final ConsoleDecoder decoder = new ConsoleDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aCommandAndAnAuthStepBecomeOneRequestEach() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, "summary"), frame(3, "AGFsaWNlAHNlY3JldA==")));

        assertEquals(new ConsoleRequest.Command("summary"), channel.readInbound());
        assertEquals(new ConsoleRequest.Auth("AGFsaWNlAHNlY3JldA=="), channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void aRequestSplitAnywhereWaitsForItsLastByte() {
        ByteBuf whole = frame(1, "config get esmtp_listener Enable");
        channel.writeInbound(whole.readRetainedSlice(3));
        assertNull(channel.readInbound());
        assertTrue(decoder.holdsPartialRequest(), "part of the header");
        channel.writeInbound(whole.readRetainedSlice(10));
        assertNull(channel.readInbound());
        assertTrue(decoder.holdsPartialRequest(), "the header and part of the payload");

        channel.writeInbound(whole);

        assertEquals(new ConsoleRequest.Command("config get esmtp_listener Enable"), channel.readInbound());
        assertFalse(decoder.holdsPartialRequest());
    }

    @Test
    void thePayloadIsUtf8() {
        channel.writeInbound(frame(1, "echo grüße"));

        assertEquals(new ConsoleRequest.Command("echo grüße"), channel.readInbound());
    }

    @Test
    void anUnknownTypeBreaksTheStreamAndNothingAfterItIsDecoded() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(2, "x"), frame(1, "summary")));

        assertEquals(new ConsoleRequest.Bad("request type 2 (expected 1 COMMAND or 3 AUTH)"), channel.readInbound());
        assertNull(channel.readInbound());
        channel.writeInbound(frame(1, "version"));
        assertNull(channel.readInbound());
        assertFalse(decoder.holdsPartialRequest());
    }

    @Test
    void aPausedDecoderLeavesPipelinedRequestsUntilItResumes() {
        channel.writeInbound(frame(1, "one"));
        assertEquals(new ConsoleRequest.Command("one"), channel.readInbound());
        decoder.pause();

        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, "two"), frame(1, "three")));
        assertNull(channel.readInbound());

        decoder.resume();
        assertEquals(new ConsoleRequest.Command("two"), channel.readInbound());
        assertEquals(new ConsoleRequest.Command("three"), channel.readInbound());
    }

    private static ByteBuf frame(int type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeShort(type).writeShort(bytes.length).writeBytes(bytes);
    }
}
