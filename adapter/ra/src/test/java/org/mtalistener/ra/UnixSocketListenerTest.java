package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listen "/path": a Unix domain socket with its File_Mode, a stale file replaced, a live one left alone. */
class UnixSocketListenerTest {

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();
    private final Path dir = fixture.dir();

    @Test
    void servesSmtpOnASocketFileWithItsModeAndRemovesItWhenStopped() throws Exception {
        Path socket = dir.resolve("smtp.sock");
        ListenerActivationSpec spec = spec(socket);
        spec.setFileMode("0600");
        spec.setListenPeers("Peer \"127.0.0.0/8\" { Banner_Hostname = loopback.test }");
        ListenerActivation activation = fixture.start(spec);

        ListenerFixture.await(() -> permissions(socket).equals("rw-------"));
        // a Unix-socket client counts as loopback for the Peer ACL
        assertTrue(greeting(socket).startsWith("220 loopback.test ESMTP"));

        activation.stop(Duration.ofSeconds(5));
        assertFalse(Files.exists(socket), "the socket file is removed with its listener");
    }

    @Test
    void theTcpOptionsLeaveAUnixSocketConnectionAlone() throws Exception {
        Path socket = dir.resolve("tuned.sock");
        ListenerActivationSpec spec = spec(socket);
        spec.setTcpRecvBufferSize(12345);
        spec.setTcpSendBufferSize(23456);
        spec.setDisableNagleAlgorithm(false);
        ListenerActivation activation = fixture.start(spec);

        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ListenerFixture.await(() -> activation.connections().iterator().hasNext());
            ChannelConfig accepted = activation.connections().iterator().next().config();
            assertFalse(Set.of(12345, 2 * 12345).contains(accepted.getOption(ChannelOption.SO_RCVBUF)));
            assertFalse(Set.of(23456, 2 * 23456).contains(accepted.getOption(ChannelOption.SO_SNDBUF)));
            assertTrue(client.isConnected());
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a server socket leaves its file, as a crash would");

        fixture.start(spec(socket));
        assertTrue(greeting(socket).startsWith("220 "));
    }

    @Test
    void aLiveSocketOrAnOrdinaryFileIsLeftAlone() throws Exception {
        Path live = dir.resolve("live.sock");
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(live));
            assertFalse(fixture.startWithoutWaiting(spec(live)).listening());
            assertFalse(fixture.startWithoutWaiting(spec(file)).listening());
            assertTrue(Files.exists(live));
        }
        assertEquals("keep me", Files.readString(file));
    }

    private static ListenerActivationSpec spec(Path socket) throws Exception {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen(socket.toString());
        spec.setBannerHostname("unix.test");
        spec.validate();
        return spec;
    }

    private static String permissions(Path socket) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(socket));
        } catch (IOException e) {
            return "";
        }
    }

    private static String greeting(Path socket) throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            StringBuilder line = new StringBuilder();
            while (line.indexOf("\r\n") < 0 && client.read(buffer) > 0) {
                buffer.flip();
                line.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return line.toString().strip();
        }
    }
}
