package org.mtalistener.it.payara;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.it.GroupCommittingMdb;
import org.mtalistener.it.Ports;

/** {@link GroupCommittingMdb} on an ECStream listener of its own, one group call at a time. */
// Payara reads the messaging type from the interfaces the bean class itself names, not its superclass's: say it.
@MessageDriven(messageListenerInterface = BatchMailListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerType", propertyValue = "ECStream_Listener"),
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + Ports.BATCH),
        @ActivationConfigProperty(propertyName = "maxConcurrentDeliveries", propertyValue = "1")})
public class GroupCommitTestMdb extends GroupCommittingMdb {
}
