package org.mtalistener.forwarding;

/**
 * Where {@link ForwardingMailMdb} sends: the JNDI name of a container-managed XA connection factory and the queue's
 * name in the broker, from system properties, so one jar runs on WildFly's broker and on an external Artemis.
 *
 * @param connectionFactory JNDI name of the connection factory
 * @param queue             the broker's name for the queue (JMS {@code createQueue}: no JNDI entry needed)
 */
record Forwarding(String connectionFactory, String queue) {

    static final String CONNECTION_FACTORY = "forwarding.connectionFactory";
    static final String QUEUE = "forwarding.queue";

    /** The Jakarta EE default: WildFly's full profile binds its XA pooled factory (java:/JmsXA) there. */
    static final String DEFAULT_CONNECTION_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    /** The queue the forwarding EAR declares (its META-INF/forwarding-jms.xml). */
    static final String DEFAULT_QUEUE = "ForwardedMail";

    static Forwarding fromEnvironment() {
        return new Forwarding(System.getProperty(CONNECTION_FACTORY, DEFAULT_CONNECTION_FACTORY),
                System.getProperty(QUEUE, DEFAULT_QUEUE));
    }
}
