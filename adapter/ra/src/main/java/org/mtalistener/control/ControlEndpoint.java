package org.mtalistener.control;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import org.mtalistener.api.ControlCommand;
import org.mtalistener.api.ControlListener;

/** Hands a console command to the Control_Listener's MDB: the commands an application adds. */
public final class ControlEndpoint implements CommandRunner {

    private static final Method ON_COMMAND;

    static {
        try {
            ON_COMMAND = ControlListener.class.getMethod("onCommand", ControlCommand.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory factory;

    public ControlEndpoint(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** Runs on a container thread: createEndpoint → beforeDelivery → onCommand → afterDelivery, release always. */
    @Override
    public String run(ControlCommand command) throws Exception {
        MessageEndpoint endpoint = factory.createEndpoint(null);
        try {
            endpoint.beforeDelivery(ON_COMMAND);
            try {
                return ((ControlListener) endpoint).onCommand(command);
            } finally {
                endpoint.afterDelivery();
            }
        } finally {
            endpoint.release();
        }
    }
}
