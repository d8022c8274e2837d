package org.mtalistener.it.payara;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.mtalistener.api.MailListener;
import org.mtalistener.it.Ports;

/** {@link TransactionalTestMdb}'s behaviour behind an HTTP_Listener: stores on commit, fails for fail@. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerType", propertyValue = "HTTP_Listener"),
        @ActivationConfigProperty(propertyName = "listen", propertyValue = "127.0.0.1:" + HttpTestMdb.PORT),
        @ActivationConfigProperty(propertyName = "logRequestsToPaniclog", propertyValue = "true")})
// implements MailListener again: the container finds an MDB's listener interface among its class's own
public class HttpTestMdb extends TransactionalTestMdb implements MailListener {

    static final int PORT = Ports.HTTP;
}
