package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.net.Transport;

/**
 * The transport a listener runs on: Linux's native epoll for TCP, the JDK's NIO for a Unix socket; either way a
 * message goes through with the client's address and the listener's socket options.
 * {@link TransportWithoutEpollTest} runs a TCP listener where epoll is not available.
 */
class TransportOnTheWireTest {

    private static final String MESSAGE = "EHLO client.test\r\nMAIL FROM:<a@client.test>\r\n"
            + "RCPT TO:<b@listener.test>\r\nDATA\r\nSubject: transport\r\n\r\nhello\r\n.\r\nQUIT\r\n";

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisabledIfSystemProperty(named = "io.netty.transport.noNative", matches = "true")
    void aTcpListenerRunsOnEpollOnLinux() throws Exception {
        ListenerActivationSpec spec = ListenerFixture.spec();
        ListenerActivation activation = fixture.start(spec);

        assertEquals(Transport.EPOLL, activation.transport());
        assertInstanceOf(EpollSocketChannel.class, deliversOverTcp(fixture, activation, ListenerFixture.port(spec)));
    }

    @Test
    void aUnixSocketListenerRunsOnNio() throws Exception {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen(fixture.dir().resolve("smtp.sock").toString());
        ListenerActivation activation = fixture.start(spec);

        assertEquals(Transport.NIO_UNIX, activation.transport());
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(spec.getListen()))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                    StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("220 "));
            assertInstanceOf(NioDomainSocketChannel.class, ListenerOnTheWireTest.accepted(activation));
        }
    }

    /**
     * A message sent from 127.0.0.2 to {@code activation} (a TCP listener on 127.0.0.1:{@code port}, whose
     * Disable_Nagle_Algorithm is set false)
     * reaches the MDB with the client's address; returns its connection, whose TCP options were set.
     */
    static Channel deliversOverTcp(ListenerFixture fixture, ListenerActivation activation, int port)
            throws Exception {
        activation.set("Disable_Nagle_Algorithm", "false");
        InetAddress client = InetAddress.getByName("127.0.0.2");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("220 "));
            Channel accepted = ListenerOnTheWireTest.accepted(activation);
            assertEquals(false, accepted.config().getOption(ChannelOption.TCP_NODELAY));

            socket.getOutputStream().write(MESSAGE.getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("354"));
            assertTrue(in.readLine().startsWith("250 "), "the message is accepted");

            ListenerFixture.Received received = fixture.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals(new InetSocketAddress(client, socket.getLocalPort()), received.session().remoteAddress());
            assertTrue(received.content().endsWith("hello\r\n"), received.content());
            return accepted;
        }
    }
}
