package org.mtalistener.conf.options;

import java.util.Locale;
import java.util.Optional;

/**
 * A place in {@code ecelerity.conf} where an option can be written, as Momentum 4's options summary names them.
 * Besides the listeners this adapter runs, Momentum's other listeners and scopes are here so that their
 * options are recognised (and reported as not supported) rather than called unknown.
 */
public enum ScopeKind {
    /** Top level, outside any scope. */
    GLOBAL("global"),
    ESMTP_LISTENER("ESMTP_Listener"),
    ECSTREAM_LISTENER("ECStream_Listener"),
    CONTROL_LISTENER("Control_Listener"),
    /** The adapter's own: Momentum has no QMQP listener (Cisco's AsyncOS and Postfix's qmqpd have). */
    QMQP_LISTENER("QMQP_Listener"),
    HTTP_LISTENER("HTTP_Listener"),
    XMPP_LISTENER("XMPP_Listener"),
    ECCLUSTER_LISTENER("ECCluster_Listener"),
    MSGCSERVER_LISTENER("msgcserver_listener"),
    /** One socket of a listener: {@code Listen "*:25" { ... }}. */
    LISTEN("Listen"),
    /** An ACL: {@code Peer "10.0.0.0/16" { ... }} in a listener or a Listen scope. */
    PEER("Peer"),
    PATHWAY("Pathway"),
    PATHWAY_GROUP("Pathway_Group"),
    THREADPOOL("ThreadPool"),
    BINDING("Binding"),
    BINDING_GROUP("Binding_Group"),
    DOMAIN("Domain");

    private final String confName;

    ScopeKind(String confName) {
        this.confName = confName;
    }

    /** The name as written in {@code ecelerity.conf}, e.g. {@code ESMTP_Listener}; {@code global} for the top level. */
    public String confName() {
        return confName;
    }

    /** Whether this is a listener scope, one of this adapter's or another of Momentum's. */
    public boolean isListener() {
        return confName.toLowerCase(Locale.ROOT).endsWith("_listener");
    }

    /**
     * Whether this adapter runs this listener: ESMTP_Listener, ECStream_Listener, Control_Listener, QMQP_Listener,
     * HTTP_Listener.
     */
    public boolean isAdapterListener() {
        return this == ESMTP_LISTENER || this == ECSTREAM_LISTENER || this == CONTROL_LISTENER
                || this == QMQP_LISTENER || this == HTTP_LISTENER;
    }

    /** The scope with this name, case-insensitive ({@code esmtp_listener}, {@code LISTEN}). */
    public static Optional<ScopeKind> find(String name) {
        for (ScopeKind scope : values()) {
            if (scope.confName.equalsIgnoreCase(name.strip())) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** How a message names a place of this kind: "the global scope", "the ESMTP_Listener scope", "a Peer scope". */
    String described() {
        if (this == GLOBAL) {
            return "the global scope";
        }
        return (isListener() ? "the " : "a ") + confName + " scope";
    }

    @Override
    public String toString() {
        return confName;
    }
}
