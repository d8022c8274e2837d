package org.mtalistener.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.ControlListener;
import org.mtalistener.api.MailListener;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.control.ConsoleTarget;
import org.mtalistener.delivery.QueueIds;
import org.mtalistener.mgmt.ManagedListener;

/**
 * The MTA listener resource adapter: one {@link ListenerActivation} (a listening socket) per activated MDB endpoint.
 *
 * <p>All threads come from the container's {@link WorkManager}. Give the adapter a thread pool of its own, with
 * room for every activation's event loops plus its {@code maxConcurrentDeliveries} and a margin (see README).
 */
@Connector(displayName = "MTA Listener Adapter", vendorName = "MTA Listener Adapter project",
        eisType = "Internet mail (ESMTP)", version = "0.1")
public class MtaResourceAdapter implements ResourceAdapter, ConsoleTarget {

    private static final Logger LOG = Logger.getLogger(MtaResourceAdapter.class.getName());

    /** In activation order, which the console's listings follow. */
    private final Map<ActivationKey, ListenerActivation> activations = Collections.synchronizedMap(new LinkedHashMap<>());
    private final QueueIds queueIds = new QueueIds();
    /** Open sessions per service (ESMTP_Listener, ECStream_Listener, ...), for Service_Sessions. */
    private final Map<String, AtomicInteger> serviceSessions = new ConcurrentHashMap<>();
    private BootstrapContext container;
    private volatile Instant started = Instant.now();

    @ConfigProperty(description = "Directory for the content of large messages while they are delivered; "
            + "empty = the JVM's temporary directory")
    private String spillDirectory = "";

    @ConfigProperty(description = "Bytes of a message's content kept in memory; the rest goes to a temporary file",
            defaultValue = "262144")
    private Integer contentMemoryLimit = 262144;

    @ConfigProperty(description = "Seconds an undeployment waits for deliveries in progress before it cuts "
            + "their sessions (their senders retry)", defaultValue = "30")
    private Integer deactivationTimeout = 30;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        this.container = context;
        this.started = Instant.now();
        Path spill = spillPath();
        if (!Files.isDirectory(spill) || !Files.isWritable(spill)) {
            throw new ResourceAdapterInternalException("spillDirectory " + spill + " is not a writable directory");
        }
        LOG.info(() -> "MTA listener adapter started (WorkManager " + context.getWorkManager().getClass().getName()
                + ", large messages spill to " + spill + ")");
    }

    @Override
    public void stop() {
        List<ActivationKey> keys;
        synchronized (activations) {
            keys = new ArrayList<>(activations.keySet());
        }
        keys.forEach(key -> endpointDeactivation(key.factory(), key.spec()));
        LOG.info("MTA listener adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof ListenerActivationSpec listenerSpec)) {
            throw new NotSupportedException("not an MTA listener activation: " + spec.getClass().getName());
        }
        // Containers are not required to call validate(); a bad value must fail the deployment all the same.
        ActivationConfig config = ActivationConfig.of(listenerSpec);
        requireListenerInterface(factory, listenerSpec);
        ListenerActivation activation = new ListenerActivation(factory, listenerSpec, config, container, settings(), queueIds,
                serviceSessions.computeIfAbsent(config.kind().confName(), service -> new AtomicInteger()),
                this);
        activations.put(new ActivationKey(factory, spec), activation);
        activation.start();
    }

    /**
     * A Control_Listener's MDB implements ControlListener, the others' MailListener (BatchMailListener, if activated
     * as one): say so at deployment.
     */
    private static void requireListenerInterface(MessageEndpointFactory factory, ListenerActivationSpec spec)
            throws NotSupportedException {
        Class<?> mdb = factory.getEndpointClass();
        boolean control = spec.listenerKind() == ScopeKind.CONTROL_LISTENER;
        Class<?> needed = control ? ControlListener.class
                : spec instanceof BatchListenerActivationSpec ? BatchMailListener.class : MailListener.class;
        if (mdb != null && !needed.isAssignableFrom(mdb)) {
            throw new NotSupportedException("MTA listener activation property listenerType = \""
                    + spec.getListenerType() + "\": " + mdb.getName() + " does not implement " + needed.getName()
                    + " (a Control_Listener's MDB implements ControlListener, the other listeners' MailListener)");
        }
    }

    @Override
    public List<ManagedListener> listeners() {
        synchronized (activations) {
            return new ArrayList<>(activations.values());
        }
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public void shutdown() {
        LOG.warning("shutdown from the console: every listener stops accepting; sessions in progress finish");
        listeners().forEach(listener -> listener.setEnabled(false));
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        ListenerActivation activation = activations.remove(new ActivationKey(factory, spec));
        if (activation != null) {
            activation.stop(Duration.ofSeconds(deactivationTimeout));
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0]; // the adapter keeps no transactional state to recover
    }

    private AdapterSettings settings() {
        return new AdapterSettings(spillPath(), contentMemoryLimit);
    }

    private Path spillPath() {
        return Path.of(spillDirectory == null || spillDirectory.isBlank()
                ? System.getProperty("java.io.tmpdir") : spillDirectory);
    }

    public String getSpillDirectory() {
        return spillDirectory;
    }

    public void setSpillDirectory(String spillDirectory) {
        this.spillDirectory = spillDirectory;
    }

    public Integer getContentMemoryLimit() {
        return contentMemoryLimit;
    }

    public void setContentMemoryLimit(Integer contentMemoryLimit) {
        this.contentMemoryLimit = contentMemoryLimit;
    }

    public Integer getDeactivationTimeout() {
        return deactivationTimeout;
    }

    public void setDeactivationTimeout(Integer deactivationTimeout) {
        this.deactivationTimeout = deactivationTimeout;
    }

    // The Connectors spec requires a resource adapter to define equals and hashCode; identity is right here,
    // since each deployment holds exactly one instance.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
    }
}
