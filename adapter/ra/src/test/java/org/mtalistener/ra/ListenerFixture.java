package org.mtalistener.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.transaction.xa.XAResource;
import java.time.Instant;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.api.ControlListener;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.control.ConsoleTarget;
import org.mtalistener.mgmt.ManagedListener;
import org.mtalistener.api.MailListener;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.api.RejectException;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.delivery.QueueIds;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real listening sockets for tests: activations on Netty with a stand-in container (Work on a cached thread pool,
 * no transactions) and an MDB that records what it receives. {@link #close()} stops them all; registered as a JUnit
 * extension ({@code @RegisterExtension}), the fixture owns a directory for the spill files and whatever else a test
 * writes, and closes after each test.
 */
final class ListenerFixture implements AutoCloseable, ConsoleTarget, AfterEachCallback {

    /** What the MDB was given: the session, the content as text and the envelope. */
    record Received(SessionInfo session, String content, Envelope envelope) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The recipients the MDB's checkRecipient was asked about; it refuses those of {@link #REFUSED_DOMAIN}. */
    final BlockingQueue<String> checked = new LinkedBlockingQueue<>();
    static final String REFUSED_DOMAIN = "refused.test";
    /** The connections the MDB's checkConnection was asked about; it refuses {@link #REFUSED_CLIENT}. */
    final BlockingQueue<SessionInfo> connections = new LinkedBlockingQueue<>();
    static final String REFUSED_CLIENT = "127.0.0.5";
    /** A client whose connection check fails (the MDB throws something other than a RejectException). */
    static final String UNCHECKABLE_CLIENT = "127.0.0.6";
    /** What the endpoint factory says the MDB class is; null (unknown) unless a test sets it before starting. */
    Class<?> mdbClass;
    /** The adapter's count of open ESMTP sessions, shared by the fixture's listeners (Service_Sessions). */
    final AtomicInteger serviceSessions = new AtomicInteger();
    private final Path spill;
    private final ExecutorService containerThreads = Executors.newCachedThreadPool();
    private final List<ListenerActivation> activations = new ArrayList<>();
    private final Instant started = Instant.now();

    private final boolean ownsSpill;

    /** Listeners whose spill directory is a new temporary one, removed when the fixture closes. */
    ListenerFixture() {
        try {
            this.spill = Files.createTempDirectory("listener-fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ownsSpill = true;
    }

    ListenerFixture(Path spill) {
        this.spill = spill;
        this.ownsSpill = false;
    }

    /** The spill directory, where a test may also write its files. */
    Path dir() {
        return spill;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** A spec on a free loopback port; set it up, then {@link #start}. */
    static ListenerActivationSpec spec() throws IOException {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:" + freePort());
        return spec;
    }

    static int port(ListenerActivationSpec spec) {
        return Integer.parseInt(spec.getListen().substring(spec.getListen().lastIndexOf(':') + 1));
    }

    /** Validates, activates and waits until the socket is bound. */
    ListenerActivation start(ListenerActivationSpec spec) throws Exception {
        ListenerActivation activation = startWithoutWaiting(spec);
        await(activation::listening);
        return activation;
    }

    /** Validates and activates; the bind may fail (the activation then logs why and listens to nothing). */
    ListenerActivation startWithoutWaiting(ListenerActivationSpec spec) throws Exception {
        ListenerActivation activation = new ListenerActivation(new RecordingMdb(), spec, ActivationConfig.of(spec), container(),
                new AdapterSettings(spill, 1024), new QueueIds(), serviceSessions, this);
        activations.add(activation);
        activation.start();
        return activation;
    }

    @Override
    public List<ManagedListener> listeners() {
        return new ArrayList<>(activations);
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public void shutdown() {
        activations.forEach(activation -> activation.setEnabled(false));
    }

    /** Waits for {@code condition}, up to 10 s. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        activations.forEach(a -> a.stop(Duration.ofSeconds(5)));
        containerThreads.shutdownNow();
        if (ownsSpill && Files.exists(spill)) {
            try (Stream<Path> files = Files.walk(spill)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every reply line to {@code commands}, sent in one write from {@code from}, up to the 221 or the close. */
    static List<String> replies(int port, String from, String commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.startsWith("221"); line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The container's BootstrapContext in miniature: Work runs on a cached thread pool. */
    private BootstrapContext container() {
        WorkManager workManager = (WorkManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WorkManager.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("scheduleWork")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    containerThreads.execute(((Work) args[0])::run);
                    return null;
                });
        return (BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWorkManager" -> workManager;
                    case "getTransactionSynchronizationRegistry" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A non-transacted MDB that keeps every message it is given, and checks recipients when asked. */
    private final class RecordingMdb implements MessageEndpointFactory {
        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return createEndpoint(xa, 0);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
            return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MessageEndpoint.class, MailListener.class, ControlListener.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("onCommand")) {
                            ControlCommand command = (ControlCommand) args[0];
                            return command.line().equals("hello") ? "hello, " + command.user() : null;
                        }
                        if (method.getName().equals("checkRecipient")) {
                            RecipientCheck check = (RecipientCheck) args[0];
                            checked.add(check.recipient());
                            if (check.domain().equals(REFUSED_DOMAIN)) {
                                throw new RejectException(550, "5.7.1", "no mail for " + REFUSED_DOMAIN);
                            }
                            return null;
                        }
                        if (method.getName().equals("checkConnection")) {
                            SessionInfo session = (SessionInfo) args[0];
                            connections.add(session);
                            String client = ((InetSocketAddress) session.remoteAddress()).getAddress()
                                    .getHostAddress();
                            if (client.equals(REFUSED_CLIENT)) {
                                throw new RejectException(554, "5.7.1", "poor reputation");
                            }
                            if (client.equals(UNCHECKABLE_CLIENT)) {
                                throw new IllegalStateException("the reputation service is down");
                            }
                            return null;
                        }
                        if (method.getName().equals("onMessage")) {
                            InboundMessage message = (InboundMessage) args[0];
                            try (InputStream in = message.openContent()) {
                                received.add(new Received(message.session(), new String(in.readAllBytes(),
                                        StandardCharsets.ISO_8859_1), message.envelope()));
                            }
                        }
                        return null;
                    });
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return mdbClass; // unknown by default: the stand-in MDB implements both listener interfaces
        }
    }
}
