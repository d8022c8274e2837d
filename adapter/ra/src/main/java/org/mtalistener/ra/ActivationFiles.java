package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.AUTHORIZATION_PARAMETERS;
import static org.mtalistener.conf.options.ListenerOptions.AUTH_CRAM_MD5_PARAMETERS;
import static org.mtalistener.conf.options.ListenerOptions.AUTH_DIGEST_MD5_PARAMETERS;
import static org.mtalistener.conf.options.ListenerOptions.TLS_CERTIFICATE;
import static org.mtalistener.ra.InvalidProperties.invalid;

import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mtalistener.auth.PasswordStore;
import org.mtalistener.auth.PasswordStores;
import org.mtalistener.conf.model.Authorization;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.control.Permissions;
import org.mtalistener.net.TlsConfig;
import org.mtalistener.net.TlsConfigException;
import org.mtalistener.net.TlsContexts;

/**
 * What an activation reads from disk before its first client: the TLS context of every configuration a chain of
 * Peers makes, the password stores their Auth*Parameters name, and the console's groups file. Read once, on the
 * container's thread (validation, activation), so a session never touches a file; a file that will not do fails
 * the deployment with the activation property that names it — for a Peer's, {@code listenPeers} or
 * {@code listenerPeers}, with the Peer's block.
 */
final class ActivationFiles {

    private final TlsContexts tls;
    private final PasswordStores passwordStores;
    private final Permissions permissions;

    private ActivationFiles(TlsContexts tls, PasswordStores passwordStores, Permissions permissions) {
        this.tls = tls;
        this.passwordStores = passwordStores;
        this.permissions = permissions;
    }

    /**
     * Reads the files {@code spec}'s properties name.
     *
     * @param chains      the settings of the activation's clients, through which the Peer chains are found
     * @param listenPeers the Listen's Peers (the others are the listener's), to name the property of a chain
     * @param roles       the console's roles, as read from {@code authorizationRoles}
     */
    static ActivationFiles read(ListenerActivationSpec spec, ClientSettings chains, List<PeerScope> listenPeers,
                                Authorization roles) throws InvalidPropertyException {
        TlsContexts tls = loadTls(spec, chains, listenPeers);
        PasswordStores stores = loadPasswordStores(spec, chains, listenPeers);
        return new ActivationFiles(tls, stores, loadPermissions(spec, roles));
    }

    TlsContexts tls() {
        return tls;
    }

    PasswordStores passwordStores() {
        return passwordStores;
    }

    Permissions permissions() {
        return permissions;
    }

    /**
     * Loads the context of every TLS configuration a client can meet: the properties', and each that a chain of
     * Peers makes.
     */
    private static TlsContexts loadTls(ListenerActivationSpec spec, ClientSettings clients,
                                       List<PeerScope> listenPeers) throws InvalidPropertyException {
        TlsContexts contexts = new TlsContexts();
        for (List<PeerScope> chain : clients.tlsChains()) {
            TlsConfig config = clients.tlsConfig(chain);
            try {
                contexts.load(config);
            } catch (TlsConfigException e) {
                throw tlsInvalid(spec, chain, listenPeers, e);
            }
            if (clients.useSsl(chain) && !config.offered()) {
                if (chain.isEmpty()) {
                    throw invalid("useSsl", "true", "implicit TLS needs a certificate: set tlsCertificate");
                }
                throw invalid(chainProperty(chain, listenPeers), "Peer \"" + chain.get(0).block() + "\"",
                        "Use_SSL = true needs a TLS_Certificate");
            }
        }
        return contexts;
    }

    private static InvalidPropertyException tlsInvalid(ListenerActivationSpec spec, List<PeerScope> chain,
                                                       List<PeerScope> listenPeers, TlsConfigException e) {
        OptionDef<?> option = e.option() != null ? OptionRegistry.standard().require(e.option()) : TLS_CERTIFICATE;
        if (chain.isEmpty()) {
            return invalid(option.propertyName(), String.valueOf(spec.options().text(option)), e.getMessage());
        }
        return invalid(chainProperty(chain, listenPeers), "Peer \"" + chain.get(0).block() + "\"",
                option.name() + ": " + e.getMessage());
    }

    /**
     * Reads every password store a client can meet (the properties' and each Peer chain's Auth*Parameters).
     * CRAM-MD5 needs clear text, so a digest:// store for it fails.
     */
    private static PasswordStores loadPasswordStores(ListenerActivationSpec spec, ClientSettings clients,
                                                     List<PeerScope> listenPeers) throws InvalidPropertyException {
        PasswordStores stores = new PasswordStores();
        for (List<PeerScope> chain : clients.tlsChains()) {
            for (Map.Entry<OptionDef<Map<String, String>>, String> uri : clients.authUris(chain).entrySet()) {
                OptionDef<?> option = uri.getKey();
                String property = chain.isEmpty() ? option.propertyName() : chainProperty(chain, listenPeers);
                String value = chain.isEmpty() ? String.valueOf(spec.options().text(option))
                        : "Peer \"" + chain.get(0).block() + "\"";
                String prefix = chain.isEmpty() ? "" : option.name() + ": ";
                try {
                    PasswordStore store = stores.load(uri.getValue());
                    if (option == AUTH_CRAM_MD5_PARAMETERS && !store.cleartext()) {
                        throw invalid(property, value, prefix + "CRAM-MD5 needs clear-text passwords: use a file:// "
                                + "store (user:password lines)");
                    }
                    if (option == AUTH_DIGEST_MD5_PARAMETERS) {
                        digestStore(store, clients.digestStoredCleartext(chain), property, value, prefix);
                    }
                } catch (IOException e) {
                    throw invalid(property, value, prefix + e.getMessage());
                }
            }
        }
        return stores;
    }

    /**
     * DIGEST-MD5's {@code stored_cleartext}: true names a clear-text store (file://), false (Momentum's default) an
     * htdigest one (digest://); unset, the uri decides.
     */
    private static void digestStore(PasswordStore store, String storedCleartext, String property, String value,
                                    String prefix) throws InvalidPropertyException {
        if (storedCleartext == null) {
            return;
        }
        if (!storedCleartext.equalsIgnoreCase("true") && !storedCleartext.equalsIgnoreCase("false")) {
            throw invalid(property, value, prefix + "stored_cleartext is \"" + storedCleartext
                    + "\": expected true or false");
        }
        boolean cleartext = Boolean.parseBoolean(storedCleartext);
        if (cleartext != store.cleartext()) {
            throw invalid(property, value, prefix + (cleartext
                    ? "stored_cleartext = true needs a clear-text store: a file:// uri (user:password lines)"
                    : "stored_cleartext = false needs an htdigest store: a digest:// uri (user:realm:md5 lines)"));
        }
    }

    /**
     * The console's roles and who has them, for when Enable_Authorization is on. Without AuthorizationParameters
     * nobody has a role, and nothing runs.
     */
    private static Permissions loadPermissions(ListenerActivationSpec spec, Authorization roles)
            throws InvalidPropertyException {
        Map<String, List<Pattern>> allow = new LinkedHashMap<>();
        roles.roles().forEach(role -> allow.put(role.name(), role.allow()));
        Map<String, String> parameters = spec.options().get(AUTHORIZATION_PARAMETERS);
        String parametersText = spec.options().text(AUTHORIZATION_PARAMETERS);
        if (spec.listenerKind() != ScopeKind.CONTROL_LISTENER || parameters == null) {
            return new Permissions(allow, Map.of());
        }
        String uri = ClientSettings.parameter(parameters, "uri");
        if (uri == null) {
            throw invalid("authorizationParameters", parametersText,
                    "needs a uri, e.g. [ uri = \"groups:///etc/mta-listener/console_roles\" ]");
        }
        try {
            return new Permissions(allow, Permissions.readGroups(uri));
        } catch (IOException e) {
            throw invalid("authorizationParameters", parametersText, e.getMessage());
        }
    }

    /** The property a Peer chain comes from: the Listen's Peers or the listener's. */
    private static String chainProperty(List<PeerScope> chain, List<PeerScope> listenPeers) {
        return listenPeers.contains(chain.get(0)) ? "listenPeers" : "listenerPeers";
    }
}
