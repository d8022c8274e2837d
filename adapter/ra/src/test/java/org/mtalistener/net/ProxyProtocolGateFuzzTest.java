package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Any bytes as the start of a connection behind Proxy_Protocol: the gate writes nothing; it either starts the session
 * once, with the client the header names ({@link #namedClient}) and every byte after the header passed on unchanged,
 * or closes the connection without a session, or (the header not complete yet) still waits. The same however the
 * bytes arrive.
 */
class ProxyProtocolGateFuzzTest {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /** What came of one connection. */
    private record Outcome(boolean open, int sessions, SocketAddress client, byte[] passedOn) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Outcome that && open == that.open && sessions == that.sessions
                    && Objects.equals(client, that.client) && Arrays.equals(passedOn, that.passedOn);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(passedOn);
        }

        @Override
        public String toString() {
            return "open " + open + ", sessions " + sessions + ", client " + client + ", passed on "
                    + new String(passedOn, StandardCharsets.ISO_8859_1);
        }
    }

    @FuzzTest
    void startsTheSessionOnceWithTheNamedClientOrClosesOrWaits(byte[] input) throws UnknownHostException {
        Outcome whole = connect(input, input.length);
        assertEquals(whole, connect(input, 1), "one byte a read");
        if (whole.sessions == 0) {
            assertArrayEquals(new byte[0], whole.passedOn);
            return;
        }
        assertEquals(1, whole.sessions);
        int header = headerLength(input);
        assertArrayEquals(Arrays.copyOfRange(input, header, input.length), whole.passedOn,
                "the bytes after the header go to the session unchanged");
        SocketAddress named = namedClient(input);
        if (named == null) {
            assertFalse(whole.client instanceof InetSocketAddress, "no client named, yet " + whole.client);
        } else {
            assertEquals(named, whole.client);
        }
    }

    private static Outcome connect(byte[] input, int step) {
        EmbeddedChannel channel = new EmbeddedChannel();
        int[] sessions = new int[1];
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        ProxyProtocolGate.install(channel, Duration.ZERO, started -> {
            sessions[0]++;
            started.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf bytes = (ByteBuf) msg;
                    passedOn.writeBytes(ByteBufUtil.getBytes(bytes));
                    bytes.release();
                }
            });
        });
        List<ByteBuf> inputs = new ArrayList<>();
        for (int at = 0; at < input.length; at += step) {
            ByteBuf buffer = Unpooled.wrappedBuffer(Arrays.copyOfRange(input, at, Math.min(input.length, at + step)));
            inputs.add(buffer);
            if (channel.isOpen()) {
                channel.writeInbound(buffer);
            } else {
                buffer.release();
            }
        }
        assertNull(channel.readOutbound(), "the gate writes nothing");
        SocketAddress client = channel.attr(ClientAddress.KEY).get();
        boolean open = channel.isOpen();
        channel.finishAndReleaseAll();
        for (ByteBuf buffer : inputs) {
            assertEquals(0, buffer.refCnt(), "an input buffer was not released");
        }
        return new Outcome(open, sessions[0], client, passedOn.toByteArray());
    }

    /** Version 2: the signature, 4 more bytes, then as many as its length says; version 1: a line ending CR LF. */
    private static int headerLength(byte[] input) {
        if (startsWithV2Signature(input)) {
            return 16 + ((input[14] & 0xFF) << 8 | input[15] & 0xFF);
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int crlf = text.indexOf("\r\n");
        assertTrue(text.startsWith("PROXY ") && crlf > 0, "a session started without a header: " + text);
        return crlf + 2;
    }

    /**
     * The client an IPv4 or IPv6 PROXY header names, read as the PROXY protocol spec writes it; null for LOCAL,
     * UNKNOWN or any other family, whose connections keep the proxy's own address.
     */
    private static SocketAddress namedClient(byte[] input) throws UnknownHostException {
        if (startsWithV2Signature(input)) {
            ByteBuffer header = ByteBuffer.wrap(input, 12, input.length - 12);
            int versionCommand = header.get() & 0xFF;
            int family = (header.get() & 0xFF) >> 4;
            header.getShort();
            if ((versionCommand & 0x0F) != 1 || family != 1 && family != 2) {
                return null;
            }
            byte[] source = new byte[family == 1 ? 4 : 16];
            header.get(source).position(header.position() + source.length);
            return new InetSocketAddress(InetAddress.getByAddress(source), header.getShort() & 0xFFFF);
        }
        String line = new String(input, 0, headerLength(input) - 2, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ");
        if (!parts[1].equals("TCP4") && !parts[1].equals("TCP6")) {
            return null;
        }
        // an address literal: no name lookup
        return new InetSocketAddress(InetAddress.getByName(parts[2]), Integer.parseInt(parts[4]));
    }

    private static boolean startsWithV2Signature(byte[] input) {
        return input.length >= 16 && Arrays.equals(input, 0, 12, V2_SIGNATURE, 0, 12);
    }
}
