package org.mtalistener.health;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The adapter's listener sockets as its MXBeans show them in the platform MBean server
 * ({@code org.mtalistener:type=Listener,listener=…,listen="…"}). Reading JMX, not the adapter's classes, is what
 * lets this application run beside the adapter on any container: it shares no class loader with the resource adapter.
 */
final class Listens {

    static final ObjectName ALL = name("org.mtalistener:type=Listener,*");

    private final MBeanServer server;

    Listens(MBeanServer server) {
        this.server = server;
    }

    static Listens platform() {
        return new Listens(ManagementFactory.getPlatformMBeanServer());
    }

    MBeanServer server() {
        return server;
    }

    /** Every Listen now, in name order. */
    List<ObjectName> names() {
        List<ObjectName> names = new ArrayList<>(server.queryNames(ALL, null));
        names.sort(Comparator.comparing(ObjectName::getCanonicalName));
        return names;
    }

    /** "ESMTP_Listener 127.0.0.1:2525", as the console and the log name it. */
    static String label(ObjectName listen) {
        return listen.getKeyProperty("listener") + " " + address(listen);
    }

    static String address(ObjectName listen) {
        return ObjectName.unquote(listen.getKeyProperty("listen"));
    }

    /** The attribute's value, or null when the Listen went away meanwhile (its MDB undeployed). */
    Object attribute(ObjectName listen, String attribute) {
        try {
            return server.getAttribute(listen, attribute);
        } catch (InstanceNotFoundException gone) {
            return null;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + listen + ": " + e, e);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
