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
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.EndpointDeliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.net.ListenerClosing;
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
    private final InetSocketAddress address;
    private final EndpointDeliverer deliverer;
    private final EventLoopGroup eventLoops;
    private final ServerBootstrap bootstrap;
    private final ChannelGroup sessions;
    private volatile Channel serverChannel;

    /** @param serviceSessions the ESMTP sessions open on all the adapter's listeners, for Service_Sessions */
    Activation(MessageEndpointFactory factory, ListenerActivationSpec spec, BootstrapContext container,
               AdapterSettings adapter, QueueIds queueIds, AtomicInteger serviceSessions) throws UnavailableException, InvalidPropertyException {
        this.spec = spec;
        this.name = spec.listenerName();
        this.mdb = factory.getActivationName() + " (" + factory.getEndpointClass().getName() + ")";
        this.address = spec.listenAddress().toSocketAddress();
        WorkManager workManager = container.getWorkManager();
        WorkManagerExecutor deliveryThreads = new WorkManagerExecutor(workManager, "delivery");
        this.deliverer = new EndpointDeliverer(factory, container.getTransactionSynchronizationRegistry(),
                deliveryThreads, spec.getMaxConcurrentDeliveries());
        this.eventLoops = new MultiThreadIoEventLoopGroup(spec.eventLoopThreads(),
                new WorkManagerExecutor(workManager, "event loop"), NioIoHandler.newFactory());
        // Netty's default executor for group futures would start a thread of its own; use one of ours.
        this.sessions = new DefaultChannelGroup(name, eventLoops.next());
        WorkManagerExecutor fileWriter = new WorkManagerExecutor(workManager, "content spill");
        ClientSettings clients = spec.clientSettings();
        SessionLimits limits = new SessionLimits(serviceSessions);
        SmtpProtocol smtp = new SmtpProtocol(clients.withoutPeer().smtp(), deliverer,
                () -> new ContentBuffer(fileWriter, adapter.spillDirectory(), adapter.contentMemoryLimit()), queueIds);
        this.bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, spec.getListenBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ClientSettings.Client client = clients.forClient(ch.remoteAddress());
                        Runnable release = limits.admit(client.options());
                        if (release == null) {
                            smtp.refuse(ch, client.smtp());
                            return;
                        }
                        ch.closeFuture().addListener(closed -> release.run());
                        sessions.add(ch);
                        smtp.initChannel(ch, client.smtp());
                    }
                });
    }

    /** Binds the socket without waiting for it: the container's deployment thread must not block on the network. */
    void start() {
        if (!spec.isEnable()) {
            LOG.info(() -> name + ": Enable = false, not listening for " + mdb);
            return;
        }
        LOG.info(() -> name + ": binding for " + mdb + " (" + spec.eventLoopThreads() + " event loops, up to "
                + spec.getMaxConcurrentDeliveries() + " concurrent deliveries, "
                + (deliverer.transacted() ? "transacted" : "not transacted") + ")");
        bootstrap.bind(address).addListener((ChannelFuture bound) -> {
            if (bound.isSuccess()) {
                serverChannel = bound.channel();
                LOG.info(() -> name + ": listening on " + bound.channel().localAddress() + ", delivering to " + mdb);
            } else {
                LOG.log(Level.SEVERE, name + ": cannot listen on " + address + ": " + bound.cause().getMessage()
                        + " (is another server using the port?); " + mdb + " receives nothing from this socket");
            }
        });
    }

    /**
     * Stops accepting, lets deliveries in progress finish within {@code bound}, answers everything else with 421
     * and closes every session.
     */
    void stop(Duration bound) {
        Channel server = serverChannel;
        if (server != null) {
            server.close().syncUninterruptibly();
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
