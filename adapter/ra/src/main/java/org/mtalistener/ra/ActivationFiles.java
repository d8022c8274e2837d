package org.mtalistener.ra;

import static org.mtalistener.ra.ListenerActivationSpec.invalid;

import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mtalistener.auth.PasswordStore;
import org.mtalistener.auth.PasswordStores;
import org.mtalistener.conf.model.Authorization;
import org.mtalistener.conf.model.ConfLoader;
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
     * @param roles the console's roles, as the spec read them from {@code authorizationRoles}
     */
    static ActivationFiles read(ListenerActivationSpec spec, Authorization roles) throws InvalidPropertyException {
        TlsContexts tls = loadTls(spec);
        PasswordStores stores = loadPasswordStores(spec);
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
    private static TlsContexts loadTls(ListenerActivationSpec spec) throws InvalidPropertyException {
        TlsContexts contexts = new TlsContexts();
        // The chains are found through settings with no stores and no permissions: finding them reads nothing.
        ClientSettings clients = spec.clientSettings(contexts, new PasswordStores(), null);
        for (List<PeerScope> chain : clients.tlsChains()) {
            TlsConfig config = clients.tlsConfig(chain);
            try {
                contexts.load(config);
            } catch (TlsConfigException e) {
                throw tlsInvalid(spec, chain, e);
            }
            if (clients.useSsl(chain) && !config.offered()) {
                if (chain.isEmpty()) {
                    throw invalid("useSsl", "true", "implicit TLS needs a certificate: set tlsCertificate");
                }
                throw invalid(chainProperty(spec, chain), "Peer \"" + chain.get(0).block() + "\"",
                        "Use_SSL = true needs a TLS_Certificate");
            }
        }
        return contexts;
    }

    private static InvalidPropertyException tlsInvalid(ListenerActivationSpec spec, List<PeerScope> chain,
                                                       TlsConfigException e) {
        String option = e.option() != null ? e.option() : "TLS_Certificate";
        if (chain.isEmpty()) {
            String property = OptionDef.propertyNameOf(option);
            return invalid(property, String.valueOf(EffectiveOptions.properties(spec).get(property)), e.getMessage());
        }
        return invalid(chainProperty(spec, chain), "Peer \"" + chain.get(0).block() + "\"",
                option + ": " + e.getMessage());
    }

    /**
     * Reads every password store a client can meet (the properties' and each Peer chain's Auth*Parameters).
     * CRAM-MD5 needs clear text, so a digest:// store for it fails.
     */
    private static PasswordStores loadPasswordStores(ListenerActivationSpec spec) throws InvalidPropertyException {
        PasswordStores stores = new PasswordStores();
        ClientSettings clients = spec.clientSettings(new TlsContexts(), stores, null);
        for (List<PeerScope> chain : clients.tlsChains()) {
            for (Map.Entry<String, String> uri : clients.authUris(chain).entrySet()) {
                String option = uri.getKey();
                String property = chain.isEmpty() ? OptionDef.propertyNameOf(option) : chainProperty(spec, chain);
                String value = chain.isEmpty() ? String.valueOf(EffectiveOptions.properties(spec).get(property))
                        : "Peer \"" + chain.get(0).block() + "\"";
                String prefix = chain.isEmpty() ? "" : option + ": ";
                try {
                    PasswordStore store = stores.load(uri.getValue());
                    if (option.equals("AuthCramMD5Parameters") && !store.cleartext()) {
                        throw invalid(property, value, prefix + "CRAM-MD5 needs clear-text passwords: use a file:// "
                                + "store (user:password lines)");
                    }
                    if (option.equals("AuthDigestMD5Parameters")) {
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
        String parametersText = spec.getAuthorizationParameters();
        if (spec.listenerKind() != ScopeKind.CONTROL_LISTENER || parametersText == null) {
            return new Permissions(allow, Map.of());
        }
        @SuppressWarnings("unchecked")
        Map<String, String> parameters = (Map<String, String>) ConfLoader.propertyValue(
                OptionRegistry.standard().require("AuthorizationParameters"), parametersText);
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
    private static String chainProperty(ListenerActivationSpec spec, List<PeerScope> chain) {
        try {
            // by block: each read of the text makes new PeerScopes, which do not compare equal to the chain's
            return spec.peers("listenPeers", spec.getListenPeers()).stream()
                    .anyMatch(p -> p.block().equals(chain.get(0).block())) ? "listenPeers" : "listenerPeers";
        } catch (InvalidPropertyException e) {
            return "listenPeers";
        }
    }
}
