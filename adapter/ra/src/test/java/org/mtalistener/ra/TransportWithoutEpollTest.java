package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mtalistener.net.Transport;

/**
 * TCP listeners where Netty's native epoll is not available — as on macOS or Windows, here made so with Netty's own
 * {@code -Dio.netty.transport.noNative=true}: they run on NIO, and the log says once why. The build runs it in a JVM of
 * its own with that property (the surefire execution "without-epoll"); elsewhere it is skipped, since Netty decides
 * once per JVM.
 */
@EnabledIfSystemProperty(named = "io.netty.transport.noNative", matches = "true")
class TransportWithoutEpollTest {

    private static final Logger TRANSPORT_LOG = Logger.getLogger(Transport.class.getName());

    @RegisterExtension
    final ListenerFixture fixture = new ListenerFixture();

    @Test
    void tcpListenersRunOnNioAndTheLogSaysWhyOnce() throws Exception {
        List<LogRecord> told = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                told.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TRANSPORT_LOG.addHandler(handler);
        try {
            ListenerActivationSpec spec = ListenerFixture.spec();
            ListenerActivation first = fixture.start(spec);
            ListenerActivation second = fixture.start(ListenerFixture.spec());

            assertEquals(false, Epoll.isAvailable());
            assertEquals(Transport.NIO, first.transport());
            assertEquals(Transport.NIO, second.transport());
            assertInstanceOf(NioSocketChannel.class,
                    TransportOnTheWireTest.deliversOverTcp(fixture, first, ListenerFixture.port(spec)));
            assertEquals(1, told.size(), "said once, not for every listener");
            assertEquals(Level.INFO, told.get(0).getLevel());
            assertTrue(told.get(0).getMessage().contains("io.netty.transport.noNative"), told.get(0).getMessage());
        } finally {
            TRANSPORT_LOG.removeHandler(handler);
        }
    }
}
