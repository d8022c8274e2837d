package org.mtalistener.conf.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.ConfValue;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;

/**
 * What a configuration becomes in deployment descriptors: one MDB activation per enabled Listen of a listener the
 * adapter runs, with the activation-config properties the ActivationSpec reads. The Listens of ESMTP_Listener and
 * ECStream_Listener go to the mail MDB class, those of Control_Listener to the console's.
 *
 * <p>Properties: {@code listenerType}, {@code listen}, every honoured option resolved for the Listen (Listen →
 * listener → global → default), and the Peer ACL as conf text in {@code listenPeers} and {@code listenerPeers} (the
 * latter without the options the Listen sets itself, so the adapter resolves Listen::Peer → Listener::Peer → the
 * properties); for a Control_Listener, the top-level Authorization scope's roles as conf text in
 * {@code authorizationRoles}, when the file has that scope. Options the adapter does not act on are not written; the
 * configuration's notices say so. Last, {@code confFile}: the absolute path of the file mapped, which the console's
 * {@code config reload} reads again.
 */
public final class Activations {

    public static final String LISTEN_PEERS = "listenPeers";
    public static final String LISTENER_PEERS = "listenerPeers";
    public static final String AUTHORIZATION_ROLES = "authorizationRoles";
    /**
     * The conf file the activation was mapped from: a plain ActivationSpec property like the Peer lists, not an
     * option of the registry, because no conf file writes it — the mapper knows it, a user does not set it.
     */
    public static final String CONF_FILE = "confFile";
    /** The message listener interface of the mail MDBs (ESMTP_Listener, ECStream_Listener). */
    public static final String MAIL_LISTENER = "org.mtalistener.api.MailListener";
    /** The message listener interface of mail MDBs that take messages in batches (group commit). */
    public static final String BATCH_MAIL_LISTENER = "org.mtalistener.api.BatchMailListener";
    /** The message listener interface of the console's MDB (Control_Listener). */
    public static final String CONTROL_LISTENER = "org.mtalistener.api.ControlListener";

    /**
     * One MDB activation: a name unique in the module, the bean class, the message listener interface it implements
     * and its properties in order.
     */
    public record Activation(Socket socket, String ejbName, String ejbClass, String messagingType,
                             Map<String, String> properties) {

        /** Whether this is a console (Control_Listener) activation. */
        public boolean isControl() {
            return socket.listener().kind() == ScopeKind.CONTROL_LISTENER;
        }
    }

    private Activations() {
    }

    /** The activations of a configuration without a Control_Listener; see {@link #of(Configuration, String, String, List)}. */
    public static List<Activation> of(Configuration configuration, String mdbClass, List<String> skipped) {
        return of(configuration, mdbClass, null, skipped);
    }

    /**
     * The activations of {@code configuration}: the mail listeners' for the MDB class {@code mdbClass}, the
     * Control_Listener's for {@code controlClass}; {@code skipped} learns which Listens get none, and why.
     *
     * @param controlClass the console's MDB class (implementing {@value #CONTROL_LISTENER}); may be null when no
     *                     Control_Listener Listen is enabled
     * @throws IllegalArgumentException when an enabled Control_Listener Listen has no {@code controlClass}
     */
    public static List<Activation> of(Configuration configuration, String mdbClass, String controlClass,
                                      List<String> skipped) {
        return of(configuration, mdbClass, false, controlClass, skipped);
    }

    /**
     * {@link #of(Configuration, String, String, List)}, for a mail MDB class that is a {@value #BATCH_MAIL_LISTENER}
     * when {@code batchMdb}.
     */
    public static List<Activation> of(Configuration configuration, String mdbClass, boolean batchMdb,
                                      String controlClass, List<String> skipped) {
        List<Activation> activations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Socket socket : configuration.sockets()) {
            if (!socket.enabled()) {
                skipped.add(socket.name() + ": Enable = false, no MDB written");
                continue;
            }
            String ejbClass = mdbClass;
            String messagingType = batchMdb ? BATCH_MAIL_LISTENER : MAIL_LISTENER;
            if (socket.listener().kind() == ScopeKind.CONTROL_LISTENER) {
                if (controlClass == null) {
                    throw new IllegalArgumentException(configuration.source() + " has a Control_Listener ("
                            + socket.name() + " at " + socket.listen().position() + "): pass --control-class CLASS, "
                            + "the console's MDB class, which implements " + CONTROL_LISTENER
                            + " (return null from onCommand to add no commands)");
                }
                ejbClass = controlClass;
                messagingType = CONTROL_LISTENER;
            }
            activations.add(new Activation(socket, ejbName(ejbClass, socket, names), ejbClass, messagingType,
                    properties(configuration, socket)));
        }
        return activations;
    }

    /** The activation-config properties of {@code socket}'s MDB: what a descriptor carries for it. */
    public static Map<String, String> properties(Configuration configuration, Socket socket) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("listenerType", socket.listener().kind().confName());
        properties.put("listen", socket.listen().address().toString());
        for (OptionDef<?> option : OptionRegistry.standard().definitionsForListenOf(socket.listener().kind())) {
            if (option.support().isHonoured() && !option.name().equals("Enable")) {
                resolvedText(socket, option).ifPresent(text -> properties.put(option.propertyName(), text));
            }
        }
        peers(socket.listenPeers()).ifPresent(text -> properties.put(LISTEN_PEERS, text));
        peers(socket.listenerPeersBelowListen()).ifPresent(text -> properties.put(LISTENER_PEERS, text));
        if (socket.listener().kind() == ScopeKind.CONTROL_LISTENER) {
            configuration.authorization().ifPresent(roles -> properties.put(AUTHORIZATION_ROLES, roles.text()));
        }
        // absolute: the container's working directory is not the mapper's
        properties.put(CONF_FILE, Path.of(configuration.source()).toAbsolutePath().normalize().toString());
        return properties;
    }

    private static <T> Optional<String> resolvedText(Socket socket, OptionDef<T> option) {
        return socket.resolve(option, null).value().map(value -> plain(option.type().toConf(value)));
    }

    /** A property value: scalars as they are, arrays and dictionaries as conf text. */
    private static String plain(ConfValue value) {
        return value instanceof ConfValue.Scalar scalar ? scalar.text() : value.toString();
    }

    /** The Peer scopes as conf text with the options the adapter honours; empty when none is left. */
    static Optional<String> peers(List<PeerScope> peers) {
        StringBuilder text = new StringBuilder();
        for (PeerScope peer : peers) {
            StringBuilder body = new StringBuilder();
            for (Setting setting : peer.options().all()) {
                if (setting.option().support().isHonoured()) {
                    body.append(' ').append(setting.option().name()).append(" = ").append(setting.text());
                }
            }
            if (body.length() > 0) {
                text.append(text.length() > 0 ? " " : "").append("Peer \"").append(peer.block()).append("\" {")
                        .append(body).append(" }");
            }
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    /**
     * {@code SampleMailMdb-ESMTP_Listener-127.0.0.1-2525}: readable and unique, in characters every server takes.
     * Spellings can meet ({@code *:25} and {@code [::]:25} both give {@code 25}), so a name already taken gets a
     * number.
     */
    private static String ejbName(String ejbClass, Socket socket, Set<String> taken) {
        String simpleName = ejbClass.substring(ejbClass.lastIndexOf('.') + 1);
        String address = socket.listen().address().toString().replaceAll("[^A-Za-z0-9.]+", "-")
                .replaceAll("^-|-$", "");
        String name = simpleName + "-" + socket.listener().kind().confName() + "-" + address;
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "-" + n;
        }
        return unique;
    }
}
