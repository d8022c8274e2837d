package org.mtalistener.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.testpki.TestPki;

/**
 * The engine behind TLS_Allow_Renegotiation = false, between two embedded channels with the JDK's TLS on both ends:
 * the first handshake and application data pass, a TLS 1.2 renegotiation closes the connection before the JDK reads
 * it, and TLS 1.3's KeyUpdate (what a second handshake becomes there) is no renegotiation.
 */
class NoRenegotiationEngineTest {

    @TempDir
    static Path pki;

    private static SslContext server;

    private EmbeddedChannel client;
    private EmbeddedChannel serverSide;
    private SslHandler serverTls;
    private final List<Throwable> serverFailures = new ArrayList<>();
    private final List<Throwable> clientFailures = new ArrayList<>();
    private final StringBuilder serverRead = new StringBuilder();

    @BeforeAll
    static void certificate() {
        Path pem = TestPki.server(TestPki.authority("Test CA")).writeCombined(pki.resolve("server.pem"));
        TlsConfig config = new TlsConfig(pem.toString(), null, null, TlsConfig.VerifyMode.NONE, null, null, null);
        server = TlsContexts.build(config);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.finishAndReleaseAll();
            serverSide.finishAndReleaseAll();
            client = null;
        }
    }

    @Test
    void theFirstHandshakeAndDataPass() throws Exception {
        connect("TLSv1.2", true);
        send("hello");
        assertEquals("hello", serverRead.toString());
        assertEquals(List.of(), serverFailures);
        assertEquals(List.of(), clientFailures);
    }

    @Test
    void aTls12RenegotiationClosesTheConnectionUnread() throws Exception {
        connect("TLSv1.2", true);
        Future<?> renegotiation = clientTls().renegotiate();
        shuttle();

        assertEquals(1, serverFailures.size(), serverFailures.toString());
        assertInstanceOf(NoRenegotiationEngine.Refused.class, serverFailures.get(0).getCause());
        assertFalse(serverSide.isActive(), "the server closed the connection");
        assertTrue(serverTls.engine().isOutboundDone());
        assertFalse(renegotiation.isSuccess(), "the client's second handshake did not complete");
        // the JDK client is told by the close_notify the closed engine sends
        assertEquals(1, clientFailures.size(), clientFailures.toString());
        assertEquals("Received close_notify during handshake", clientFailures.get(0).getCause().getMessage());
    }

    @Test
    void theJdkRenegotiatesWithoutTheRefusingEngine() throws Exception {
        connect("TLSv1.2", false);
        Future<?> renegotiation = clientTls().renegotiate();
        shuttle();

        assertTrue(renegotiation.isSuccess(), String.valueOf(renegotiation.cause()));
        send("after");
        assertEquals("after", serverRead.toString());
        assertEquals(List.of(), serverFailures);
    }

    @Test
    void aTls13KeyUpdateIsNoRenegotiation() throws Exception {
        connect("TLSv1.3", true);
        assertEquals("TLSv1.3", serverTls.engine().getSession().getProtocol());
        clientTls().renegotiate(); // the JDK sends a KeyUpdate: TLS 1.3 has no renegotiation
        shuttle();
        send("after");
        assertEquals("after", serverRead.toString());
        assertEquals(List.of(), serverFailures);
        assertTrue(serverSide.isActive());
    }

    @Test
    void aRenegotiationAfterAResumedHandshakeIsRefusedToo() throws Exception {
        // the abbreviated handshake ends on the client's Finished, read by the server: the other way to finish
        SslContext resuming = clientContext("TLSv1.2");
        connect(resuming, true);
        byte[] first = serverTls.engine().getSession().getId();
        close();
        connect(resuming, true);
        assertArrayEquals(first, serverTls.engine().getSession().getId(), "the session was resumed");

        clientTls().renegotiate();
        shuttle();
        assertEquals(1, serverFailures.size(), serverFailures.toString());
        assertInstanceOf(NoRenegotiationEngine.Refused.class, serverFailures.get(0).getCause());
    }

    private void connect(String protocol, boolean refusing) throws SSLException {
        connect(clientContext(protocol), refusing);
    }

    private static SslContext clientContext(String protocol) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(protocol)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    /** A client and a server with the refusing engine or the JDK's own, handshaken. */
    private void connect(SslContext clientContext, boolean refusing) {
        serverFailures.clear();
        clientFailures.clear();
        // a peer host and port let the JDK client resume its session with the same context
        client = new EmbeddedChannel(clientContext.newHandler(ByteBufAllocator.DEFAULT, "localhost", 2525),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        clientFailures.add(cause);
                    }
                });
        serverSide = new EmbeddedChannel();
        serverTls = refusing ? new SslHandler(new NoRenegotiationEngine(server.newEngine(serverSide.alloc())))
                : server.newHandler(serverSide.alloc());
        serverSide.pipeline().addLast(serverTls, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                serverRead.append(bytes.toString(StandardCharsets.US_ASCII));
                bytes.release();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                serverFailures.add(cause);
                ctx.close(); // as the SMTP session does
            }
        });
        shuttle();
        assertTrue(clientTls().handshakeFuture().isSuccess(), String.valueOf(clientTls().handshakeFuture().cause()));
        assertTrue(serverTls.handshakeFuture().isSuccess());
    }

    private void send(String text) {
        client.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        shuttle();
    }

    /** Carries the bytes each side writes to the other until neither has any left. */
    private void shuttle() {
        boolean moved = true;
        while (moved) {
            moved = carry(client, serverSide) | carry(serverSide, client);
        }
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (ByteBuf bytes; (bytes = from.readOutbound()) != null; ) {
            moved = true;
            if (to.isActive()) {
                to.writeInbound(bytes);
            } else {
                bytes.release();
            }
        }
        return moved;
    }

    private SslHandler clientTls() {
        return client.pipeline().get(SslHandler.class);
    }
}
