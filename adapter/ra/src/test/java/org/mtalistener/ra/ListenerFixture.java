package org.mtalistener.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.transaction.xa.XAResource;
import org.mtalistener.api.MailListener;
import org.mtalistener.delivery.QueueIds;

/**
 * Real listeners without a container: activations on a stand-in BootstrapContext whose Work runs on a thread pool,
 * for tests that speak to a real socket. No message is ever delivered.
 */
final class ListenerFixture implements AutoCloseable {

    final AtomicInteger serviceSessions = new AtomicInteger();
    private final ExecutorService containerThreads = Executors.newCachedThreadPool();
    private final List<Activation> activations = new ArrayList<>();

    Activation start(ListenerActivationSpec spec, Path spillDir) throws Exception {
        Activation activation = new Activation(new NoDeliveries(), spec, container(), new AdapterSettings(spillDir, 1024),
                new QueueIds(), serviceSessions);
        activations.add(activation);
        activation.start();
        return activation;
    }

    @Override
    public void close() {
        activations.forEach(a -> a.stop(Duration.ofSeconds(5)));
        containerThreads.shutdownNow();
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

    /** An endpoint factory that must never be asked for an endpoint. */
    private static final class NoDeliveries implements MessageEndpointFactory {
        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            throw new AssertionError("no delivery expected");
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
            throw new AssertionError("no delivery expected");
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return true;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return MailListener.class;
        }
    }
}
