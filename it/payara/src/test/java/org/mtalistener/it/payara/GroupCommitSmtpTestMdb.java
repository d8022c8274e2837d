package org.mtalistener.it.payara;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.it.GroupCommittingMdb;
import org.mtalistener.it.Ports;

/** {@link GroupCommittingMdb} on an ESMTP listener of its own. */
@MessageDriven(messageListenerInterface = BatchMailListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + Ports.BATCH_SMTP),
        @ActivationConfigProperty(propertyName = "maxConcurrentDeliveries", propertyValue = "2")})
public class GroupCommitSmtpTestMdb extends GroupCommittingMdb {
}
