package org.mtalistener.it.wildfly;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.it.GroupCommittingMdb;
import org.mtalistener.it.Ports;

/**
 * {@link GroupCommittingMdb} on an ECStream listener of its own, one group call at a time; a module of the EAR, bound
 * to the EAR's RAR by the jboss-ejb3.xml {@link EarOnWildFlyIT} writes.
 */
@MessageDriven(messageListenerInterface = BatchMailListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerType", propertyValue = "ECStream_Listener"),
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + Ports.WILDFLY_BATCH),
        @ActivationConfigProperty(propertyName = "maxConcurrentDeliveries", propertyValue = "1")})
public class GroupCommitTestMdb extends GroupCommittingMdb {
}
