package org.mtalistener.it.wildfly;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.mtalistener.api.MailListener;
import org.mtalistener.it.Ports;
import org.mtalistener.it.RecipientCheckingMdb;

/**
 * {@link RecipientCheckingMdb} on a port of its own, with its recipient check on (Recipient_Check = true). On WildFly it is a module of
 * the EAR, bound to the EAR's RAR by the jboss-ejb3.xml {@link EarOnWildFlyIT} writes.
 */
// Payara reads the messaging type from the interfaces the bean class itself names, not its superclass's: say it.
@MessageDriven(messageListenerInterface = MailListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + RecipientCheckTestMdb.PORT),
        @ActivationConfigProperty(propertyName = "recipientCheck", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "idleTime", propertyValue = "30")})
public class RecipientCheckTestMdb extends RecipientCheckingMdb {

    static final int PORT = Ports.WILDFLY_RECIPIENT_CHECK;
}
