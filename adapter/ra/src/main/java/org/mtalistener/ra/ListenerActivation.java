package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.BLACKHOLE;
import static org.mtalistener.conf.options.ListenerOptions.CONCURRENCY;
import static org.mtalistener.conf.options.ListenerOptions.CONNECTION_CHECK;
import static org.mtalistener.conf.options.ListenerOptions.FILE_MODE;
import static org.mtalistener.conf.options.ListenerOptions.LISTEN_BACKLOG;
import static org.mtalistener.conf.options.ListenerOptions.MAX_CONCURRENT_DELIVERIES;
import static org.mtalistener.conf.options.ListenerOptions.PROXY_PROTOCOL;
import static org.mtalistener.conf.options.ListenerOptions.PROXY_PROTOCOL_TIMEOUT;
import static org.mtalistener.conf.options.ListenerOptions.REJECT_CONNECTIONS;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.control.BuiltInCommands;
import org.mtalistener.control.CommandRunner;
import org.mtalistener.control.ConsoleAuth;
import org.mtalistener.control.ConsoleProtocol;
import org.mtalistener.control.ConsoleTarget;
import org.mtalistener.control.ControlEndpoint;
import org.mtalistener.delivery.BlackholeDeliverer;
import org.mtalistener.delivery.ContentBuffer;
import org.mtalistener.delivery.Deliverer;
import org.mtalistener.delivery.EndpointDeliverer;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.ecstream.EcstreamProtocol;
import org.mtalistener.http.HttpAuth;
import org.mtalistener.http.HttpProtocol;
import org.mtalistener.mgmt.CountingDeliverer;
import org.mtalistener.mgmt.ListenerBeans;
import org.mtalistener.mgmt.ListenerStats;
import org.mtalistener.mgmt.ManagedListener;
import org.mtalistener.net.ClientAddress;
import org.mtalistener.net.ListenerClosing;
import org.mtalistener.net.ProxyProtocolGate;
import org.mtalistener.net.Transport;
import org.mtalistener.net.WorkManagerExecutor;
import org.mtalistener.qmqp.QmqpProtocol;
import org.mtalistener.smtp.SmtpProtocol;

/**
 * One listener socket bound to one MDB: owns the socket, its event loops, its sessions, its deliveries and its
 * counters, from {@code endpointActivation} to {@code endpointDeactivation}. The console and JMX run it through
 * {@link ManagedListener}.
 */
final class ListenerActivation implements ManagedListener {

    private static final Logger LOG = Logger.getLogger(ListenerActivation.class.getName());
    private static final AttributeKey<Instant> CONNECTED = AttributeKey.valueOf(ListenerActivation.class, "connected");
    /** Decided when the activation starts: the event loops, the delivery cap and where messages go. */
    private static final Set<OptionDef<?>> FIXED = Set.of(CONCURRENCY, MAX_CONCURRENT_DELIVERIES, BLACKHOLE);

    /** Whether the MDB overrides a MailListener check, so Recipient_Check or Connection_Check asks it. */
    private enum MdbCheck {
        OVERRIDDEN,
        INHERITED,
        /** the MDB's class is not known: it may override it */
        UNKNOWN
    }

    private final ActivationConfig deployed;
    private final LiveOptions options;
    private final String name;
    private final String mdb;
    private final ListenAddress listen;
    private final Transport transport;
    private final Set<String> unknownExtensions;
    private final MdbCheck checksRecipients;
    /** Null on a Control_Listener, which delivers no messages. */
    private final EndpointDeliverer deliverer;
    /** Null unless Blackhole takes the messages instead of the MDB. */
    private final BlackholeDeliverer.Mode blackhole;
    private final EventLoopGroup eventLoops;
    private final ChannelGroup sessions;
    private final ListenerStats stats;
    private final Clock clock = Clock.systemUTC();
    /** The console's changes replace it; a change applies from the next connection on. */
    private volatile ActivationConfig config;
    private final ListenSocket socket;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean enabled;
    private ObjectName bean;

    /**
     * @param spec            the deployed properties, which the console's changes start from
     * @param deployed        what {@code spec} makes, built once for this activation
     * @param serviceSessions the sessions open on all the adapter's listeners of this service, for Service_Sessions
     * @param console         what a Control_Listener's commands act on
     */
    ListenerActivation(MessageEndpointFactory factory, ListenerActivationSpec spec, ActivationConfig deployed,
                       BootstrapContext container, AdapterSettings adapter, QueueIds queueIds, AtomicInteger serviceSessions,
                       ConsoleTarget console) throws UnavailableException {
        this.deployed = deployed;
        this.config = deployed;
        this.options = new LiveOptions(spec, deployed);
        this.name = deployed.name();
        this.mdb = factory.getEndpointClass() != null ? factory.getEndpointClass().getName() : "the MDB";
        this.listen = deployed.listen();
        this.enabled = deployed.enabled();
        this.stats = new ListenerStats(clock);
        WorkManager workManager = container.getWorkManager();
        boolean control = deployed.kind() == ScopeKind.CONTROL_LISTENER;
        this.deliverer = control ? null : new EndpointDeliverer(factory,
                container.getTransactionSynchronizationRegistry(), new WorkManagerExecutor(workManager, "delivery"),
                deployed.options().count(MAX_CONCURRENT_DELIVERIES), EndpointDeliverer.INLINE_BOUND, System::nanoTime,
                spec instanceof BatchListenerActivationSpec);
        if (deliverer != null && !deliverer.groups() && factory.getEndpointClass() != null
                && BatchMailListener.class.isAssignableFrom(factory.getEndpointClass())) {
            LOG.warning(() -> name + ": " + mdb + " is a BatchMailListener, but the container activated it as a "
                    + "MailListener (its messaging type): it gets one message per call, through onMessage, without "
                    + "group commit. Declare messageListenerInterface = BatchMailListener.class, or map with "
                    + "listenerconf map --mdb-interface BatchMailListener");
        }
        this.transport = Transport.of(listen);
        this.eventLoops = new MultiThreadIoEventLoopGroup(deployed.eventLoopThreads(),
                new WorkManagerExecutor(workManager, "event loop"), transport.ioHandlers());
        // Netty's default executor for group futures would start a thread of its own; use one of ours.
        this.sessions = new DefaultChannelGroup(name, eventLoops.next());
        WorkManagerExecutor fileWriter = new WorkManagerExecutor(workManager, "content spill");
        ClientSettings.Client defaults = deployed.clients().withoutPeer();
        this.unknownExtensions = deployed.clients().unknownExtensions();
        SessionLimits limits = new SessionLimits(serviceSessions);
        Supplier<ContentBuffer> contents =
                () -> new ContentBuffer(fileWriter, adapter.spillDirectory(), adapter.contentMemoryLimit());
        this.blackhole = control ? null : BlackholeDeliverer.Mode.of(deployed.options().get(BLACKHOLE));
        // Blackhole: the black hole takes every message, and nothing is asked of the MDB
        Deliverer counted = control ? null : new CountingDeliverer(blackhole == null ? deliverer
                : new BlackholeDeliverer(blackhole, fileWriter, adapter.spillDirectory()), stats);
        this.checksRecipients = blackhole != null ? MdbCheck.INHERITED
                : overrides(factory.getEndpointClass(), "checkRecipient", RecipientCheck.class);
        // Connection_Check, like Recipient_Check, asks only an MDB that overrides (or may override) its method
        boolean checksConnections = blackhole == null && deployed.kind() == ScopeKind.ESMTP_LISTENER
                && overrides(factory.getEndpointClass(), "checkConnection", SessionInfo.class)
                != MdbCheck.INHERITED;
        ListenerProtocol protocol = switch (deployed.kind()) {
            case ECSTREAM_LISTENER ->
                    new ListenerProtocol.Ecstream(new EcstreamProtocol(defaults.ecstream(), counted, contents, queueIds));
            case QMQP_LISTENER -> new ListenerProtocol.Qmqp(new QmqpProtocol(counted, contents, queueIds,
                    stats::refused));
            // several messages of one request go in one transaction only where the MDB's onMessage has one
            case HTTP_LISTENER -> new ListenerProtocol.Http(new HttpProtocol(counted, contents, queueIds,
                    deliverer.transacted()));
            case CONTROL_LISTENER -> new ListenerProtocol.Console(new ConsoleProtocol(
                    commands(new BuiltInCommands(console, clock), new ControlEndpoint(factory)),
                    new WorkManagerExecutor(workManager, "console")));
            // Recipient_Check asks an MDB that overrides checkRecipient (or may: its class is not known); the
            // option itself is read per client, so the console can turn it on and off.
            default -> new ListenerProtocol.Smtp(new SmtpProtocol(defaults.smtp(), counted,
                    checksRecipients != MdbCheck.INHERITED ? deliverer : null, contents, queueIds,
                    stats::refused),
                    () -> config.clients());
        };
        ConnectionCheck connectionCheck = checksConnections
                ? new ConnectionCheck(name, deliverer, ((ListenerProtocol.Smtp) protocol).smtp()) : null;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.attr(CONNECTED).set(clock.instant());
                        sessions.add(ch);
                        // a console change applies from the next connection on
                        ClientSettings now = config.clients();
                        now.tcpOptions().applyTo(ch);
                        // Proxy_Protocol is decided by the socket's peer: the proxy, not the client it names
                        EffectiveOptions socketPeer = now.optionsFor(ch.remoteAddress());
                        if (socketPeer.get(PROXY_PROTOCOL)) {
                            ProxyProtocolGate.install(ch, socketPeer.seconds(PROXY_PROTOCOL_TIMEOUT),
                                    channel -> serve(name, channel, now, limits, protocol, connectionCheck, stats));
                        } else {
                            serve(name, ch, now, limits, protocol, connectionCheck, stats);
                        }
                    }
                });
        if (listen.kind() != ListenAddress.Kind.UNIX) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        this.socket = new ListenSocket(name, mdb, listen, bootstrap, fileWriter, () -> enabled && !stopped.get());
    }

    /** Whether the MDB class overrides one of MailListener's checks (checkRecipient, checkConnection). */
    private static MdbCheck overrides(Class<?> mdb, String check, Class<?> question) {
        if (mdb == null || !MailListener.class.isAssignableFrom(mdb)) {
            return MdbCheck.UNKNOWN;
        }
        try {
            return mdb.getMethod(check, question).getDeclaringClass() != MailListener.class
                    ? MdbCheck.OVERRIDDEN : MdbCheck.INHERITED;
        } catch (NoSuchMethodException e) {
            return MdbCheck.UNKNOWN;
        }
    }

    /** The built-in commands first, then the application's. */
    private static CommandRunner commands(CommandRunner builtIn, CommandRunner application) {
        return command -> {
            String output = builtIn.run(command);
            return output != null ? output : application.run(command);
        };
    }

    /** Binds the socket without waiting for it: the container's deployment thread must not block on the network. */
    void start() {
        bean = ListenerBeans.register(this);
        if (!enabled) {
            LOG.info(() -> name + ": Enable = false, not listening for " + mdb);
            return;
        }
        if (deliverer == null && !listen.isLoopback()) {
            LOG.warning(() -> name + ": the console listens beyond loopback; every TCP session must authenticate "
                    + "(prefer DIGEST-MD5: the console has no TLS)");
        }
        if (deliverer == null && listen.kind() != ListenAddress.Kind.UNIX) {
            ConsoleAuth auth = config.clients().withoutPeer().console().auth();
            if (auth.mechanisms().isEmpty() && !auth.alwaysAllow()) {
                LOG.warning(() -> name + ": no AuthDigestMD5Parameters or AuthLoginParameters, and no Always_Allow: "
                        + "no TCP client can use this console (a Peer may still allow some)");
            }
        }
        if (deployed.kind() == ScopeKind.HTTP_LISTENER && !listen.isLoopback()
                && listen.kind() != ListenAddress.Kind.UNIX) {
            HttpAuth auth = config.clients().withoutPeer().http().auth();
            if (auth.basic() == null && auth.digest() == null && !auth.alwaysAllow()) {
                LOG.warning(() -> name + ": no AuthPlainParameters or AuthDigestMD5Parameters, and no Always_Allow: "
                        + "only loopback clients can inject (a Peer may allow others)");
            }
        }
        if (deployed.kind() == ScopeKind.ESMTP_LISTENER && blackhole == null) {
            boolean asked = config.clients().recipientCheckAnywhere();
            if (asked && checksRecipients == MdbCheck.INHERITED) {
                LOG.warning(() -> name + ": Recipient_Check = true, but " + mdb + " does not override "
                        + "MailListener.checkRecipient: every recipient is taken without asking it");
            } else if (!asked && checksRecipients == MdbCheck.OVERRIDDEN) {
                LOG.info(() -> name + ": " + mdb + " overrides MailListener.checkRecipient, but Recipient_Check is "
                        + "not set for this listener: it is not asked");
            }
        }
        if (deployed.kind() == ScopeKind.QMQP_LISTENER && !listen.isLoopback()
                && !config.clients().qmqpAuthorizedAnywhere()) {
            LOG.info(() -> name + ": only loopback clients may inject (QMQP has no authentication); write "
                    + "QMQP_Authorized = true in a Peer for the hosts that may");
        }
        if (blackhole != null) {
            LOG.warning(() -> name + ": Blackhole = " + blackhole.name().toLowerCase(Locale.ROOT)
                    + ": every message is acknowledged and thrown away, " + mdb + " is never called. For measuring "
                    + "only, never for production mail");
        }
        if (!unknownExtensions.isEmpty()) {
            LOG.warning(() -> name + ": SMTP_Extensions names " + unknownExtensions
                    + ", which the adapter does not offer (yet); it offers " + SmtpExtensions.KNOWN);
        }
        LOG.info(() -> name + ": binding for " + mdb + " (" + deployed.eventLoopThreads() + " " + transport
                + " event loops"
                + (deliverer == null ? ")" : ", up to " + deployed.options().count(MAX_CONCURRENT_DELIVERIES)
                + (deliverer.groups() ? " concurrent group calls (a BatchMailListener: group commit), "
                : " concurrent deliveries, ")
                + (deliverer.transacted() ? "transacted" : "not transacted") + ")"));
        bind();
    }

    private void bind() {
        ActivationConfig now = config;
        socket.bind(now.options().count(LISTEN_BACKLOG), now.options().get(FILE_MODE));
    }

    /** The transport its socket and sessions run on. */
    Transport transport() {
        return transport;
    }

    /** The open sessions' connections: tests read their socket options back. */
    Iterable<Channel> connections() {
        return sessions;
    }

    @Override
    public boolean listening() {
        return socket.listening();
    }

    /**
     * Starts the session of a connection whose client is known, unless Reject_Connections, a session limit or the
     * MDB's connection check ({@code connectionCheck}; null when the MDB has none) refuses it.
     */
    private static void serve(String name, Channel ch, ClientSettings clients, SessionLimits limits,
                              ListenerProtocol protocol, ConnectionCheck connectionCheck, ListenerStats stats) {
        ClientSettings.Client client = clients.forClient(ClientAddress.of(ch));
        if (client.options().get(REJECT_CONNECTIONS)) {
            stats.refused();
            LOG.info(() -> name + ": refused " + ClientAddress.of(ch) + " at connect (Reject_Connections)");
            protocol.reject(ch, client);
            return;
        }
        SessionLimits.Place place = limits.admit(client.options(), ClientAddress.of(ch));
        if (!place.granted()) {
            stats.refused();
            protocol.refuse(ch, client, place.perClient());
            return;
        }
        stats.sessionOpened();
        ch.closeFuture().addListener(closed -> {
            place.release();
            stats.sessionClosed();
        });
        if (connectionCheck != null && client.options().get(CONNECTION_CHECK)) {
            connectionCheck.admit(ch, client, () -> protocol.serve(ch, client));
        } else {
            protocol.serve(ch, client);
        }
    }

    /**
     * Stops accepting, lets deliveries in progress finish within {@code bound}, answers everything else with 421
     * and closes every session.
     */
    void stop(Duration bound) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ListenerBeans.unregister(bean);
        socket.close(true);
        sessions.forEach(ch -> ch.pipeline().fireUserEventTriggered(ListenerClosing.EVENT));
        boolean drained;
        try {
            drained = deliverer == null || deliverer.close(bound);
            sessions.newCloseFuture().await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        int open = sessions.size();
        sessions.close().awaitUninterruptibly(bound.toMillis());
        if (!drained || open > 0) {
            int unfinished = deliverer == null ? 0 : deliverer.inProgress();
            LOG.warning(() -> name + ": stopped after " + bound.toSeconds() + " s with " + unfinished
                    + " deliveries unfinished and " + open + " sessions cut; their senders were not told "
                    + "\"accepted\" and will retry");
        }
        eventLoops.shutdownGracefully(0, bound.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(bound.toMillis());
        LOG.info(() -> name + ": stopped");
    }

    @Override
    public String listenerType() {
        return deployed.kind().confName();
    }

    @Override
    public String address() {
        return listen.toString();
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean on) {
        synchronized (this) {
            if (stopped.get() || enabled == on) {
                return;
            }
            enabled = on;
        }
        if (on) {
            LOG.info(() -> name + ": Enable = true, accepting again");
            bind();
        } else {
            socket.close(false);
            LOG.info(() -> name + ": Enable = false, no longer accepting; " + sessions.size()
                    + " open sessions go on");
        }
    }

    @Override
    public ListenerStats stats() {
        return stats;
    }

    @Override
    public List<LiveSession> sessions() {
        List<LiveSession> live = new ArrayList<>();
        for (Channel channel : sessions) {
            SocketAddress client = ClientAddress.of(channel);
            String text = client instanceof InetSocketAddress inet && inet.getAddress() != null
                    ? (inet.getAddress().getAddress().length == 4 ? "IPv4 " : "IPv6 ")
                    + inet.getAddress().getHostAddress() + ":" + inet.getPort()
                    : "unix " + listen;
            live.add(new LiveSession(text, channel.attr(CONNECTED).get()));
        }
        return live;
    }

    @Override
    public String get(String option) {
        return options.get(option);
    }

    @Override
    public String eval(String option) {
        String value = options.get(option);
        return value != null ? value : OptionRegistry.standard().find(option).flatMap(OptionDef::defaultText)
                .orElse(null);
    }

    @Override
    public String set(String option, String value) {
        OptionRegistry.standard().find(option).filter(FIXED::contains).ifPresent(o -> {
            throw new IllegalArgumentException(o.name() + " is decided when the listener starts: change it in "
                    + "the conf file and redeploy");
        });
        apply(options.set(option, value));
        LOG.info(() -> name + ": " + option + " set to " + options.get(option) + " from the console");
        return options.get(option);
    }

    @Override
    public String unset(String option) {
        apply(options.unset(option));
        return eval(option);
    }

    @Override
    public List<String> show() {
        return options.show();
    }

    @Override
    public String reload() {
        if (options.base().getConfFile() == null) {
            apply(options.reload());
            return name + ": no conf file came with this activation (its descriptor was written by hand): the "
                    + "deployed properties again\n";
        }
        return ConfReload.reload(name, options, deployed.options(), config.options(), this::apply);
    }

    /** New sessions get the new configuration's settings; Enable applies at once. */
    private void apply(ActivationConfig next) {
        config = next;
        setEnabled(next.enabled());
    }
}
