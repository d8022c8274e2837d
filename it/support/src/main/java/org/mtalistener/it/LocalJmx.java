package org.mtalistener.it;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** JMX to a container on this machine, as an operator's JConsole comes in, and the names of our MXBeans there. */
public final class LocalJmx {

    private LocalJmx() {
    }

    /**
     * A connection to the process {@code pid}: the JDK's attach API starts its local management agent (no fixed
     * port, so test runs side by side never collide).
     */
    public static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** The MXBean of the ESMTP Listen on 127.0.0.1:{@code port}. */
    public static ObjectName esmtpListen(int port) throws MalformedObjectNameException {
        return new ObjectName("org.mtalistener:type=Listener,listener=ESMTP_Listener,listen="
                + ObjectName.quote("127.0.0.1:" + port));
    }
}
