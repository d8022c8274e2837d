package org.mtalistener.ra;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.conf.model.ListenAddress;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.ecstream.EcstreamProtocol;
import org.mtalistener.delivery.EndpointDeliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.ProxyProtocolGate;
import org.mtalistener.net.UnixSocketFile;
import org.mtalistener.net.WorkManagerExecutor;
import org.mtalistener.smtp.SmtpProtocol;

/**
 * One listener socket bound to one MDB: owns the socket, its event loops, its sessions and its deliveries, from
 * {@code endpointActivation} to {@code endpointDeactivation}.
 */
final class Activation {

    private static final Logger LOG = Logger.getLogger(Activation.class.getName());

    private final ListenerActivationSpec spec;
    private final String name;
    private final String mdb;
    private final ListenAddress listen;
    private final WorkManagerExecutor fileSystem;
    private final int fileMode;
    private final Set<String> unknownExtensions;
    private final EndpointDeliverer deliverer;
    private final EventLoopGroup eventLoops;
    private final ServerBootstrap bootstrap;
    private final ChannelGroup sessions;
    private volatile Channel serverChannel;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean listening;

    /** @param serviceSessions the sessions open on all the adapter's listeners of this service, for Service_Sessions */
    Activation(MessageEndpointFactory factory, ListenerActivationSpec spec, BootstrapContext container,
               AdapterSettings adapter, QueueIds queueIds, AtomicInteger serviceSessions)
            throws UnavailableException, InvalidPropertyException {
        this.spec = spec;
        this.name = spec.listenerName();
        this.mdb = factory.getEndpointClass().getName();
        this.listen = spec.listenAddress();
        WorkManager workManager = container.getWorkManager();
        WorkManagerExecutor deliveryThreads = new WorkManagerExecutor(workManager, "delivery");
        this.deliverer = new EndpointDeliverer(factory, container.getTransactionSynchronizationRegistry(),
                deliveryThreads, spec.getMaxConcurrentDeliveries());
        this.eventLoops = new MultiThreadIoEventLoopGroup(spec.eventLoopThreads(),
                new WorkManagerExecutor(workManager, "event loop"), NioIoHandler.newFactory());
        // Netty's default executor for group futures would start a thread of its own; use one of ours.
        this.sessions = new DefaultChannelGroup(name, eventLoops.next());
        WorkManagerExecutor fileWriter = new WorkManagerExecutor(workManager, "content spill");
        this.fileSystem = fileWriter;
        ClientSettings clients = spec.clientSettings();
        ClientSettings.Client defaults = clients.withoutPeer();
        this.unknownExtensions = clients.unknownExtensions();
        this.fileMode = (int) defaults.options().number("File_Mode");
        SessionLimits limits = new SessionLimits(serviceSessions);
        Supplier<ContentBuffer> contents =
                () -> new ContentBuffer(fileWriter, adapter.spillDirectory(), adapter.contentMemoryLimit());
        Protocol protocol = spec.isEcstream()
                ? new EcstreamListener(new EcstreamProtocol(defaults.ecstream(), deliverer, contents, queueIds))
                : new SmtpListener(new SmtpProtocol(defaults.smtp(), deliverer, contents, queueIds), clients);
        this.bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .option(ChannelOption.SO_BACKLOG, spec.getListenBacklog())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        sessions.add(ch);
                        // Proxy_Protocol is decided by the socket's peer: the proxy, not the client it names
                        EffectiveOptions socketPeer = clients.forClient(ch.remoteAddress()).options();
                        if (socketPeer.flag("Proxy_Protocol")) {
                            ProxyProtocolGate.install(ch, Duration.ofSeconds(socketPeer.number("Proxy_Protocol_Timeout")),
                                    channel -> serve(channel, clients, limits, protocol));
                        } else {
                            serve(ch, clients, limits, protocol);
                        }
                    }
                });
        if (listen.kind() == ListenAddress.Kind.UNIX) {
            bootstrap.channel(NioServerDomainSocketChannel.class);
        } else {
            bootstrap.channel(NioServerSocketChannel.class).option(ChannelOption.SO_REUSEADDR, true);
        }
    }

    /** Binds the socket without waiting for it: the container's deployment thread must not block on the network. */
    void start() {
        if (!spec.isEnable()) {
            LOG.info(() -> name + ": Enable = false, not listening for " + mdb);
            return;
        }
        if (!unknownExtensions.isEmpty()) {
            LOG.warning(() -> name + ": SMTP_Extensions names " + unknownExtensions
                    + ", which the adapter does not offer (yet); it offers " + SmtpExtensions.KNOWN);
        }
        LOG.info(() -> name + ": binding for " + mdb + " (" + spec.eventLoopThreads() + " event loops, up to "
                + spec.getMaxConcurrentDeliveries() + " concurrent deliveries, "
                + (deliverer.transacted() ? "transacted" : "not transacted") + ")");
        SocketAddress address;
        if (listen.kind() == ListenAddress.Kind.UNIX) {
            try {
                UnixSocketFile.prepare(listen.unixPath());
            } catch (IOException e) {
                cannotListen(e.getMessage());
                return;
            }
            address = UnixDomainSocketAddress.of(listen.unixPath());
        } else {
            address = listen.toSocketAddress();
        }
        bootstrap.bind(address).addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                cannotListen(bound.cause().getMessage() + " (is another server using it?)");
                return;
            }
            serverChannel = bound.channel();
            if (listen.kind() == ListenAddress.Kind.UNIX) {
                fileSystem.execute(this::applyFileMode); // file system work stays off the event loop
            } else {
                listening();
            }
        });
    }

    /** Starts the session of a connection whose client is known, unless a session limit refuses it. */
    private static void serve(Channel ch, ClientSettings clients, SessionLimits limits, Protocol protocol) {
        ClientSettings.Client client = clients.forClient(ClientAddress.of(ch));
        Runnable release = limits.admit(client.options());
        if (release == null) {
            protocol.refuse(ch, client);
            return;
        }
        ch.closeFuture().addListener(closed -> release.run());
        protocol.serve(ch, client);
    }

    /** The protocol a listener speaks: how it starts a session, and how it turns one away. */
    private interface Protocol {
        void serve(Channel channel, ClientSettings.Client client);

        void refuse(Channel channel, ClientSettings.Client client);
    }

    private record SmtpListener(SmtpProtocol smtp, ClientSettings clients) implements Protocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            // A client a trusted peer names (XCLIENT, XREMOTEIP) gets its own Peer's settings; one whose address the
            // peer did not know gets none, never the loopback's that an address-less socket would.
            smtp.initChannel(channel, client.smtp(), named -> named instanceof InetSocketAddress inet
                    && inet.getAddress() != null ? clients.forClient(named).smtp() : clients.withoutPeer().smtp());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client) {
            smtp.refuse(channel, client.smtp());
        }
    }

    private record EcstreamListener(EcstreamProtocol ecstream) implements Protocol {
        @Override
        public void serve(Channel channel, ClientSettings.Client client) {
            ecstream.initChannel(channel, client.ecstream());
        }

        @Override
        public void refuse(Channel channel, ClientSettings.Client client) {
            ecstream.refuse(channel);
        }
    }

    private void applyFileMode() {
        try {
            UnixSocketFile.setMode(listen.unixPath(), fileMode);
            listening();
        } catch (IOException e) {
            cannotListen("cannot set File_Mode " + Integer.toOctalString(fileMode) + ": " + e);
            serverChannel.close();
        }
    }

    /** Whether the socket is bound and accepting (a Unix socket once its File_Mode is set). */
    boolean isListening() {
        Channel server = serverChannel;
        return listening && server != null && server.isActive();
    }

    private void listening() {
        listening = true;
        LOG.info(() -> name + ": listening on " + serverChannel.localAddress() + ", delivering to " + mdb);
    }

    private void cannotListen(String why) {
        LOG.log(Level.SEVERE, name + ": cannot listen on " + listen + ": " + why + "; " + mdb
                + " receives nothing from this socket");
    }

    /**
     * Stops accepting, lets deliveries in progress finish within {@code bound}, answers everything else with 421
     * and closes every session.
     */
    void stop(Duration bound) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Channel server = serverChannel;
        if (server != null) {
            server.close().syncUninterruptibly();
            if (listen.kind() == ListenAddress.Kind.UNIX) {
                try {
                    UnixSocketFile.remove(listen.unixPath());
                } catch (IOException e) {
                    LOG.warning(() -> name + ": cannot remove the socket file: " + e);
                }
            }
        }
        sessions.forEach(ch -> ch.pipeline().fireUserEventTriggered(ListenerClosing.EVENT));
        boolean drained;
        try {
            drained = deliverer.close(bound);
            sessions.newCloseFuture().await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        int open = sessions.size();
        sessions.close().awaitUninterruptibly(bound.toMillis());
        if (!drained || open > 0) {
            int unfinished = deliverer.inProgress();
            LOG.warning(() -> name + ": stopped after " + bound.toSeconds() + " s with " + unfinished
                    + " deliveries unfinished and " + open + " sessions cut; their senders were not told "
                    + "\"accepted\" and will retry");
        }
        eventLoops.shutdownGracefully(0, bound.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(bound.toMillis());
        LOG.info(() -> name + ": stopped");
    }
}
