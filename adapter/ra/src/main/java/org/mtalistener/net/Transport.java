package org.mtalistener.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.mtalistener.conf.values.ListenAddress;

/**
 * Which of Netty's transports a listener runs on: Linux's native epoll for TCP where Netty's native library loads
 * (a connection costs the heap about 500 bytes less than the JDK's NIO, and fewer system calls), the JDK's NIO
 * elsewhere and always for Unix sockets, where the console reads its client's user (SO_PEERCRED) through the JDK's
 * channel. Its event loops and its server channel come from here, so the two always match.
 */
public enum Transport {

    EPOLL("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class),
    NIO("NIO", NioIoHandler::newFactory, NioServerSocketChannel.class),
    NIO_UNIX("NIO", NioIoHandler::newFactory, NioServerDomainSocketChannel.class);

    private static final Logger LOG = Logger.getLogger(Transport.class.getName());
    /** Why epoll is not used is said once, not for every listener. */
    private static final AtomicBoolean UNAVAILABILITY_TOLD = new AtomicBoolean();

    private final String label;
    private final Supplier<IoHandlerFactory> ioHandlers;
    private final Class<? extends ServerChannel> serverChannel;

    Transport(String label, Supplier<IoHandlerFactory> ioHandlers, Class<? extends ServerChannel> serverChannel) {
        this.label = label;
        this.ioHandlers = ioHandlers;
        this.serverChannel = serverChannel;
    }

    /** The transport for a listener on {@code listen}. */
    public static Transport of(ListenAddress listen) {
        if (listen.kind() == ListenAddress.Kind.UNIX) {
            return NIO_UNIX;
        }
        if (Epoll.isAvailable()) {
            return EPOLL;
        }
        if (UNAVAILABILITY_TOLD.compareAndSet(false, true)) {
            LOG.info(() -> "TCP listeners use NIO, not Linux's native epoll: " + Epoll.unavailabilityCause());
        }
        return NIO;
    }

    /** What the listener's event loops are made with. */
    public IoHandlerFactory ioHandlers() {
        return ioHandlers.get();
    }

    /** The class of the listening socket's channel, for the bootstrap. */
    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** "epoll" or "NIO", for the log. */
    @Override
    public String toString() {
        return label;
    }
}
