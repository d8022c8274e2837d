package org.mtalistener.mgmt;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers each listener socket in the platform MBean server, where JConsole and the servers' tools find it. */
public final class ListenerBeans {

    private static final Logger LOG = Logger.getLogger(ListenerBeans.class.getName());

    private ListenerBeans() {
    }

    /** Registers {@code listener}; returns its name, or null when JMX refused (logged: the listener runs anyway). */
    public static ObjectName register(ManagedListener listener) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = name(listener);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left over from an activation that did not stop cleanly
            }
            server.registerMBean(new Bean(listener), name);
            return name;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot register the JMX bean of " + listener.listenerType() + " "
                    + listener.address(), e);
            return null;
        }
    }

    public static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "cannot unregister " + name, e);
        }
    }

    static ObjectName name(ManagedListener listener) throws JMException {
        return new ObjectName("org.mtalistener:type=Listener,listener=" + listener.listenerType() + ",listen="
                + ObjectName.quote(listener.address()));
    }

    private record Bean(ManagedListener listener) implements ListenerMXBean {

        @Override
        public String getListenerType() {
            return listener.listenerType();
        }

        @Override
        public String getAddress() {
            return listener.address();
        }

        @Override
        public boolean isEnabled() {
            return listener.enabled();
        }

        @Override
        public boolean isListening() {
            return listener.listening();
        }

        @Override
        public int getCurrentSessions() {
            return listener.stats().snapshot().currentSessions();
        }

        @Override
        public long getTotalSessions() {
            return listener.stats().snapshot().sessions();
        }

        @Override
        public long getMessagesAccepted() {
            return listener.stats().snapshot().accepted();
        }

        @Override
        public long getMessagesRejected() {
            return listener.stats().snapshot().rejected();
        }

        @Override
        public long getRefusedByListener() {
            return listener.stats().snapshot().refused();
        }

        @Override
        public long getMessagesTempFailed() {
            return listener.stats().snapshot().tempFailed();
        }

        @Override
        public long getBytesAccepted() {
            return listener.stats().snapshot().bytesAccepted();
        }

        @Override
        public double[] getDeliveryTimeBounds() {
            return listener.stats().deliveryTimes().bounds();
        }

        @Override
        public long[] getDeliveryTimeBuckets() {
            return listener.stats().deliveryTimes().buckets();
        }

        @Override
        public long getDeliveryTimeCount() {
            return listener.stats().deliveryTimes().count();
        }

        @Override
        public double getDeliveryTimeSeconds() {
            return listener.stats().deliveryTimes().seconds();
        }

        @Override
        public String getStatisticsSince() {
            return listener.stats().snapshot().since().toString();
        }

        @Override
        public void enable() {
            listener.setEnabled(true);
        }

        @Override
        public void disable() {
            listener.setEnabled(false);
        }

        @Override
        public void resetStatistics() {
            listener.stats().reset();
        }
    }
}
