package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.CONCURRENCY;
import static org.mtalistener.conf.options.ListenerOptions.ENABLE;
import static org.mtalistener.conf.options.ListenerOptions.TLS_CERTIFICATE;
import static org.mtalistener.conf.options.ListenerOptions.USE_SSL;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.Comparator;
import java.util.List;
import org.mtalistener.auth.PasswordStores;
import org.mtalistener.conf.model.Authorization;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.net.TlsContexts;

/**
 * What one activation runs on, built once from its {@link ListenerActivationSpec}: the listener, its address, its
 * options, its Peer chains, the files they name ({@link ActivationFiles}: TLS contexts, password stores, the
 * console's permissions) and the settings each client gets. Building it is the validation: every property that will
 * not do is reported at once, before any file is read.
 */
final class ActivationConfig {

    private static final List<String> LISTENER_TYPES = List.of(ListenerActivationSpec.ESMTP_LISTENER,
            ListenerActivationSpec.ECSTREAM_LISTENER, ListenerActivationSpec.CONTROL_LISTENER,
            ListenerActivationSpec.QMQP_LISTENER,
            ListenerActivationSpec.HTTP_LISTENER);

    private final ScopeKind kind;
    private final ListenAddress listen;
    private final String name;
    private final EffectiveOptions options;
    private final Authorization authorization;
    private final ClientSettings clients;

    private ActivationConfig(ScopeKind kind, ListenAddress listen, String name, EffectiveOptions options,
                             Authorization authorization, ClientSettings clients) {
        this.kind = kind;
        this.listen = listen;
        this.name = name;
        this.options = options;
        this.authorization = authorization;
        this.clients = clients;
    }

    /**
     * Checks every property of {@code spec}, then reads the files they name (not on an event loop).
     *
     * @throws InvalidPropertyException naming every bad property, its value and what was expected; or the one whose
     *                                  file will not do
     */
    static ActivationConfig of(ListenerActivationSpec spec) throws InvalidPropertyException {
        InvalidProperties problems = new InvalidProperties();
        String type = spec.getListenerType();
        if (type == null || LISTENER_TYPES.stream().noneMatch(type::equalsIgnoreCase)) {
            int last = LISTENER_TYPES.size() - 1;
            problems.add("listenerType", type, "expected " + String.join(", ", LISTENER_TYPES.subList(0, last))
                    + " or " + LISTENER_TYPES.get(last));
        }
        ScopeKind kind = spec.listenerKind();
        ListenAddress listen = listenAddress(spec.getListen(), problems);
        spec.options().entries().entrySet().stream()
                .filter(entry -> entry.getValue().problem() != null)
                .sorted(Comparator.comparing(entry -> entry.getKey().propertyName()))
                .forEach(entry -> problems.add(entry.getKey().propertyName(), entry.getValue().text(),
                        entry.getValue().problem()));
        List<PeerScope> listenPeers = peers("listenPeers", spec.getListenPeers(), kind, problems);
        List<PeerScope> listenerPeers = peers("listenerPeers", spec.getListenerPeers(), kind, problems);
        Authorization authorization = roles(spec, kind, problems);
        boolean useSsl = spec.options().get(USE_SSL);
        String certificate = spec.options().get(TLS_CERTIFICATE);
        if (kind != ScopeKind.ESMTP_LISTENER && kind != ScopeKind.HTTP_LISTENER && (useSsl || certificate != null && !"none".equalsIgnoreCase(certificate))) {
            problems.add(useSsl ? "useSsl" : "tlsCertificate", useSsl ? "true" : certificate,
                    "TLS is not supported on " + kind.confName() + " yet: use a Unix socket or loopback"
                            + (kind == ScopeKind.CONTROL_LISTENER ? " for the console" : " for producers"));
        }
        problems.throwIfAny();

        String name = kind.confName() + " " + spec.getListen().trim();
        EffectiveOptions options = spec.options().effective();
        // The Peer chains are found through settings with no files: finding them reads nothing.
        ClientSettings chains = new ClientSettings(name, kind, options, listenPeers, listenerPeers, new TlsContexts(),
                new PasswordStores(), null);
        ActivationFiles files = ActivationFiles.read(spec, chains, listenPeers, authorization);
        return new ActivationConfig(kind, listen, name, options, authorization, new ClientSettings(name, kind, options,
                listenPeers, listenerPeers, files.tls(), files.passwordStores(), files.permissions()));
    }

    private static ListenAddress listenAddress(String listen, InvalidProperties problems) {
        if (listen == null || listen.isBlank()) {
            problems.add("listen", listen, "required: the address to listen on, e.g. 127.0.0.1:2525");
            return null;
        }
        try {
            return ListenAddress.parse(listen.trim());
        } catch (IllegalArgumentException e) {
            problems.add("listen", listen, e.getMessage());
            return null;
        }
    }

    /** The Peer scopes of {@code listenPeers} or {@code listenerPeers}; none when the property is not set. */
    private static List<PeerScope> peers(String property, String text, ScopeKind kind, InvalidProperties problems) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return ConfLoader.peers(text, kind, "activation property " + property);
        } catch (ConfException e) {
            problems.add(property, text, e.getMessage());
            return List.of();
        }
    }

    /** The Role scopes of {@code authorizationRoles}, read as the conf file's Authorization scope is. */
    private static Authorization roles(ListenerActivationSpec spec, ScopeKind kind, InvalidProperties problems) {
        String roles = spec.getAuthorizationRoles();
        Authorization none = new Authorization(List.of(), null);
        if (roles == null || roles.isBlank()) {
            return none;
        }
        if (kind != ScopeKind.CONTROL_LISTENER) {
            problems.add("authorizationRoles", roles, "roles are for a Control_Listener (the console); remove the "
                    + "property from this " + spec.getListenerType() + " activation");
            return none;
        }
        try {
            return ConfLoader.roles(roles, "activation property authorizationRoles");
        } catch (ConfException e) {
            problems.add("authorizationRoles", roles, e.getMessage());
            return none;
        }
    }

    /** Which listener this activation runs. */
    ScopeKind kind() {
        return kind;
    }

    ListenAddress listen() {
        return listen;
    }

    /** A name for log lines and the {@code Received:} header: {@code ESMTP_Listener 127.0.0.1:2525}. */
    String name() {
        return name;
    }

    /** The activation's options, before any Peer. */
    EffectiveOptions options() {
        return options;
    }

    /** false: the activation binds nothing (the listener stays configured, as in ecelerity.conf). */
    boolean enabled() {
        return options.get(ENABLE);
    }

    /** The console's roles; none when {@code authorizationRoles} is not set. */
    Authorization authorization() {
        return authorization;
    }

    /** The settings of each client's connection. */
    ClientSettings clients() {
        return clients;
    }

    /** Concurrency: 0 means one per processor. */
    int eventLoopThreads() {
        int concurrency = options.count(CONCURRENCY);
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
