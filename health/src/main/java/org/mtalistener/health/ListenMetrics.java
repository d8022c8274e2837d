package org.mtalistener.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.relation.MBeanServerNotificationFilter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code /metrics}: per Listen (tags {@code listener} and {@code listen}) the figures of its MXBean, as gauges that
 * read it at each scrape, and the delivery-time histogram (end of the message to the MDB's commit) as Prometheus
 * reads one: {@code mta_listener_delivery_seconds_bucket{le="…"}}, {@code _count} and {@code _sum}. A Listen's
 * metrics appear when its MDB is deployed and go when it is undeployed (the MBean server's notifications), whatever
 * the order in which the applications start.
 */
@ApplicationScoped
public class ListenMetrics {

    private static final Logger LOG = Logger.getLogger(ListenMetrics.class.getName());

    /** Metric name, MXBean attribute, meaning. */
    private static final String[][] GAUGES = {
        {"mta_listener_listening", "Listening", "1 while the Listen accepts connections, 0 when disabled or unbound"},
        {"mta_listener_sessions_open", "CurrentSessions", "sessions open now"},
        {"mta_listener_sessions", "TotalSessions", "sessions since the statistics started"},
        {"mta_listener_messages_accepted", "MessagesAccepted", "messages the MDB took (250)"},
        {"mta_listener_messages_rejected", "MessagesRejected", "messages the MDB refused (its 5xx or 4xx)"},
        {"mta_listener_messages_temp_failed", "MessagesTempFailed", "messages whose delivery failed (451)"},
        {"mta_listener_bytes_accepted", "BytesAccepted", "bytes of the messages accepted"},
    };
    static final String DELIVERY = "mta_listener_delivery_seconds";

    @Inject
    MetricRegistry registry;

    private final Listens listens = Listens.platform();
    private final Map<ObjectName, List<MetricID>> registered = new ConcurrentHashMap<>();
    private final NotificationListener onChange = this::changed;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        MBeanServerNotificationFilter filter = new MBeanServerNotificationFilter();
        filter.enableAllObjectNames();
        try {
            listens.server().addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, onChange, filter, null);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot follow the adapter's Listens in JMX: metrics of later Listens missing", e);
        }
        listens.names().forEach(this::add);
    }

    @PreDestroy
    void stop() {
        try {
            listens.server().removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, onChange);
        } catch (JMException e) {
            LOG.log(Level.FINE, "was not following the Listens", e);
        }
        registered.keySet().forEach(this::remove);
    }

    private void changed(Notification notification, Object handback) {
        if (notification instanceof MBeanServerNotification change && Listens.ALL.apply(change.getMBeanName())) {
            if (MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(change.getType())) {
                add(change.getMBeanName());
            } else if (MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(change.getType())) {
                remove(change.getMBeanName());
            }
        }
    }

    private void add(ObjectName listen) {
        registered.computeIfAbsent(listen, name -> {
            Tag[] tags = {new Tag("listener", name.getKeyProperty("listener")),
                new Tag("listen", Listens.address(name))};
            List<MetricID> ids = new ArrayList<>();
            for (String[] gauge : GAUGES) {
                ids.add(gauge(gauge[0], gauge[2], () -> number(listens.attribute(name, gauge[1])), tags));
            }
            ids.add(gauge(DELIVERY + "_count", "accepted deliveries timed",
                    () -> number(listens.attribute(name, "DeliveryTimeCount")), tags));
            ids.add(gauge(DELIVERY + "_sum", "their delivery times added up, in seconds",
                    () -> number(listens.attribute(name, "DeliveryTimeSeconds")), tags));
            double[] bounds = (double[]) listens.attribute(name, "DeliveryTimeBounds");
            for (int i = 0; bounds != null && i <= bounds.length; i++) {
                int bucket = i;
                String le = i == bounds.length ? "+Inf" : Double.toString(bounds[i]);
                Supplier<Number> count = i == bounds.length
                        ? () -> number(listens.attribute(name, "DeliveryTimeCount"))
                        : () -> bucket(listens.attribute(name, "DeliveryTimeBuckets"), bucket);
                ids.add(gauge(DELIVERY + "_bucket", "accepted deliveries that took at most le seconds, from the end"
                        + " of the message to the MDB's commit", count, with(tags, new Tag("le", le))));
            }
            return ids;
        });
    }

    private void remove(ObjectName listen) {
        List<MetricID> ids = registered.remove(listen);
        if (ids != null) {
            ids.forEach(registry::remove);
        }
    }

    private MetricID gauge(String name, String description, Supplier<Number> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value, tags);
        return new MetricID(name, tags);
    }

    private static Tag[] with(Tag[] tags, Tag more) {
        Tag[] all = Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = more;
        return all;
    }

    /** A gauge's value: NaN while the Listen is going away. */
    private static Number number(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value instanceof Number n ? n : Double.NaN;
    }

    private static Number bucket(Object buckets, int i) {
        return buckets instanceof long[] counts && i < counts.length ? counts[i] : Double.NaN;
    }
}
