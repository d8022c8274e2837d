package org.mtalistener.conf.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtalistener.conf.options.ConfValue;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionException;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.ConfError;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.parse.ConfFile;
import org.mtalistener.conf.parse.ConfParser;
import org.mtalistener.conf.parse.Node;
import org.mtalistener.conf.parse.Option;
import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.parse.Value;
import org.mtalistener.conf.values.Cidr;
import org.mtalistener.conf.values.ListenAddress;

/**
 * Reads a parsed {@code ecelerity.conf} into a {@link Configuration}: every option looked up in the registry, checked
 * against the scope it is written in and typed. Every problem is reported with its position, all at once; nothing
 * is silently dropped — what the adapter will not act on becomes a notice.
 */
public final class ConfLoader {

    /**
     * Momentum's own global options whose names are near a listener option's ({@code Idle_Timeout}, the outbound
     * idle time, is one slip from {@code Idle_Time}): known, so a notice rather than "did you mean".
     */
    private static final Set<String> OTHER_GLOBAL_OPTIONS = Set.of("hostname", "idle_timeout",
            "inbound_throttle_messages", "tls_ca", "xclient");

    /**
     * Momentum's global options that users also write inside a listener, meaning there what an adapter option means:
     * read as that option, with a notice, rather than refused. Relay_Domains names the domains Momentum takes mail in
     * for, which is what Local_Domains says for one listener.
     */
    /** The listeners the adapter runs, as a notice names them: "ESMTP_Listener, ..., HTTP_Listener". */
    private static final String ADAPTER_LISTENERS = java.util.Arrays.stream(ScopeKind.values())
            .filter(ScopeKind::isAdapterListener).map(ScopeKind::confName)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final Map<String, String> READ_AS_IN_A_LISTENER = Map.of("relay_domains", "Local_Domains");

    private final OptionRegistry registry;
    private final List<ConfError> errors = new ArrayList<>();
    private final Set<String> notices = new LinkedHashSet<>();
    private final Map<ListenAddress, Position> addresses = new LinkedHashMap<>();
    private final Roles roles = new Roles(this::error);

    private ConfLoader(OptionRegistry registry) {
        this.registry = registry;
    }

    /**
     * Parses and checks {@code file} (and what it includes). Its syntax problems and what the checks find come out
     * together, in one ConfException, unless the syntax leaves no tree to check.
     */
    public static Configuration load(Path file) throws ConfException {
        return check(ConfParser.read(file));
    }

    /** {@link #load(Path)} for {@code text} as if it were the content of {@code file}. */
    public static Configuration load(String text, Path file) throws ConfException {
        return check(ConfParser.read(text, file));
    }

    private static Configuration check(ConfParser.Reading reading) throws ConfException {
        ConfLoader loader = new ConfLoader(OptionRegistry.standard());
        loader.errors.addAll(reading.problems());
        return loader.configuration(reading.file());
    }

    /** Checks an already parsed file. */
    public static Configuration read(ConfFile file) throws ConfException {
        return new ConfLoader(OptionRegistry.standard()).configuration(file);
    }

    /** Reads Peer scopes written as conf text (as the mapper writes them into a descriptor) for {@code listener}. */
    public static List<PeerScope> peers(String text, ScopeKind listener, String origin) throws ConfException {
        ConfFile file = ConfParser.parse(text, Path.of(origin));
        ConfLoader loader = new ConfLoader(OptionRegistry.standard());
        List<PeerScope> peers = new ArrayList<>();
        for (Node node : file.body()) {
            if (node instanceof org.mtalistener.conf.parse.Scope scope && scope.is("Peer")) {
                loader.peer(scope, listener).ifPresent(peers::add);
            } else {
                loader.error(node.position(), "expected Peer scopes only, got " + node.name());
            }
        }
        loader.throwIfErrors();
        return peers;
    }

    /**
     * Reads Role scopes written as conf text (as the mapper writes the Authorization scope into the
     * {@code authorizationRoles} property of a Control_Listener activation).
     */
    public static Authorization roles(String text, String origin) throws ConfException {
        ConfFile file = ConfParser.parse(text, Path.of(origin));
        ConfLoader loader = new ConfLoader(OptionRegistry.standard());
        Authorization authorization = new Authorization(loader.roles.roles(file.body(), origin),
                new Position(origin, 1, 1));
        loader.throwIfErrors();
        return authorization;
    }

    /**
     * Reads an activation property's text as the value of {@code option}: a scalar as written, an array or dictionary
     * in conf syntax ({@code ( "127.0.0.0/8" )}, {@code [ k = v ]}) as the mapper writes them.
     *
     * @throws OptionException naming the option, the value and the way out
     */
    public static <T> T propertyValue(OptionDef<T> option, String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("(") && !trimmed.startsWith("[")) {
            return option.parse(new ConfValue.Scalar(text));
        }
        try {
            ConfFile file = ConfParser.parse(option.name() + " = " + trimmed, Path.of("property"));
            Option parsed = (Option) file.body().get(0);
            return option.parse(confValue(option, parsed.value()));
        } catch (ConfException | RuntimeException e) {
            if (e instanceof OptionException o) {
                throw o;
            }
            throw new OptionException(option.name() + ": \"" + text + "\" is not a " + option.type().describe()
                    + " in conf syntax (e.g. " + option.type().example() + ")");
        }
    }

    private Configuration configuration(ConfFile file) throws ConfException {
        Map<String, Setting> global = new LinkedHashMap<>();
        Map<ScopeKind, ListenerScope> listeners = new LinkedHashMap<>();
        Authorization authorization = null;
        notices.addAll(file.notices());
        for (Node node : file.body()) {
            if (node instanceof Option option) {
                globalOption(option, global);
            } else if (node instanceof org.mtalistener.conf.parse.Scope scope && scope.is("Authorization")) {
                if (authorization != null) {
                    error(scope.position(), "Authorization is written twice (first at " + authorization.position()
                            + "); write one Authorization scope with every Role in it");
                } else {
                    authorization = roles.authorization(scope);
                }
            } else if (node instanceof org.mtalistener.conf.parse.Scope scope && scope.is("Role")) {
                error(scope.position(), Roles.misplaced(scope, "the top level"));
            } else if (node instanceof org.mtalistener.conf.parse.Scope scope) {
                Optional<ScopeKind> kind = ScopeKind.find(scope.name());
                if (kind.isPresent() && kind.get().isAdapterListener()) {
                    ListenerScope previous = listeners.get(kind.get());
                    if (previous != null) {
                        error(scope.position(), kind.get() + " is written twice (first at " + previous.position()
                                + "); write one scope with every Listen in it");
                    } else {
                        listeners.put(kind.get(), listener(scope, kind.get()));
                    }
                } else if (kind.isPresent() && (kind.get() == ScopeKind.LISTEN || kind.get() == ScopeKind.PEER)) {
                    error(scope.position(), "a " + kind.get() + " scope belongs inside a listener, as in "
                            + "ESMTP_Listener { " + kind.get() + " \"...\" { } }; at the top level it applies to "
                            + "nothing");
                } else if (kind.isPresent() && kind.get().isListener()) {
                    notices.add(kind.get() + " is not run by the adapter (it runs " + ADAPTER_LISTENERS + "): ignored");
                } else {
                    notices.add("the " + scope.name() + " scope is not a listener: ignored by the adapter");
                }
            }
        }
        if (authorization == null) {
            listeners.values().forEach(this::requireRolesFor);
        }
        throwIfErrors();
        return new Configuration(file.source(), new OptionSet(global), List.copyOf(listeners.values()),
                Optional.ofNullable(authorization), List.copyOf(notices));
    }

    /** Enable_Authorization = true with no Authorization scope would refuse every command: surely a slip. */
    private void requireRolesFor(ListenerScope listener) {
        List<OptionSet> places = new ArrayList<>();
        places.add(listener.options());
        listener.peers().forEach(peer -> places.add(peer.options()));
        for (ListenScope listen : listener.listens()) {
            places.add(listen.options());
            listen.peers().forEach(peer -> places.add(peer.options()));
        }
        OptionDef<?> enable = registry.require("Enable_Authorization");
        places.stream().map(options -> options.get(enable)).flatMap(Optional::stream)
                .filter(setting -> Boolean.TRUE.equals(setting.value()))
                .forEach(setting -> error(setting.position(), "Enable_Authorization = true, but the file has no "
                        + "Authorization scope, so every command would be refused: add one at the top level, e.g. "
                        + Roles.EXAMPLE));
    }

    /** A top-level option: a listener option valid globally, or someone else's option (then a notice). */
    private void globalOption(Option option, Map<String, Setting> global) {
        Optional<OptionDef<?>> def = registry.find(option.name());
        if (def.isEmpty()) {
            if (!registry.suggestionsFor(option.name()).isEmpty()
                    && !OTHER_GLOBAL_OPTIONS.contains(option.name().toLowerCase(Locale.ROOT))) {
                error(option.position(), registry.unknownOptionMessage(option.name()));
            } else {
                notices.add(option.name() + " is not a listener option: ignored by the adapter");
            }
            return;
        }
        setting(option, def.get(), ScopeKind.GLOBAL, null, global);
    }

    private ListenerScope listener(org.mtalistener.conf.parse.Scope scope, ScopeKind kind) {
        Map<String, Setting> options = new LinkedHashMap<>();
        List<PeerScope> peers = new ArrayList<>();
        List<ListenScope> listens = new ArrayList<>();
        for (Node node : scope.body()) {
            if (node instanceof Option option) {
                option(option, kind, kind, options);
            } else if (node instanceof org.mtalistener.conf.parse.Scope child && child.is("Listen")) {
                listen(child, kind).ifPresent(listens::add);
            } else if (node instanceof org.mtalistener.conf.parse.Scope child && child.is("Peer")) {
                peer(child, kind).ifPresent(peers::add);
            } else if (Roles.isAuthorizationScope(node)) {
                error(node.position(), Roles.misplaced(node, kind.confName()));
            } else {
                error(node.position(), "expected an option, Listen or Peer in " + kind + ", got the scope "
                        + node.name());
            }
        }
        return new ListenerScope(kind, new OptionSet(options), checkedPeers(peers), listens, scope.position());
    }

    private Optional<ListenScope> listen(org.mtalistener.conf.parse.Scope scope, ScopeKind listener) {
        ListenAddress address;
        try {
            address = ListenAddress.parse(String.valueOf(scope.instance()));
        } catch (IllegalArgumentException e) {
            error(scope.position(), e.getMessage());
            return Optional.empty();
        }
        Position first = addresses.putIfAbsent(address, scope.position());
        if (first != null) {
            error(scope.position(), "Listen \"" + address + "\" is written twice (first at " + first
                    + "): one socket, one Listen scope");
        }
        Map<String, Setting> options = new LinkedHashMap<>();
        List<PeerScope> peers = new ArrayList<>();
        for (Node node : scope.body()) {
            if (node instanceof Option option) {
                option(option, ScopeKind.LISTEN, listener, options);
            } else if (node instanceof org.mtalistener.conf.parse.Scope child && child.is("Peer")) {
                peer(child, listener).ifPresent(peers::add);
            } else if (Roles.isAuthorizationScope(node)) {
                error(node.position(), Roles.misplaced(node, "Listen \"" + address + "\""));
            } else {
                error(node.position(), "expected an option or Peer in Listen \"" + address + "\", got the scope "
                        + node.name());
            }
        }
        return Optional.of(new ListenScope(address, new OptionSet(options), checkedPeers(peers), scope.position()));
    }

    private Optional<PeerScope> peer(org.mtalistener.conf.parse.Scope scope, ScopeKind listener) {
        Cidr block;
        try {
            block = Cidr.parse(String.valueOf(scope.instance()));
        } catch (IllegalArgumentException e) {
            error(scope.position(), e.getMessage());
            return Optional.empty();
        }
        Map<String, Setting> options = new LinkedHashMap<>();
        for (Node node : scope.body()) {
            if (node instanceof Option option) {
                option(option, ScopeKind.PEER, listener, options);
            } else if (Roles.isAuthorizationScope(node)) {
                error(node.position(), Roles.misplaced(node, "Peer \"" + block + "\""));
            } else {
                error(node.position(), "expected an option in Peer \"" + block + "\", got the scope " + node.name()
                        + " (Peer scopes do not nest)");
            }
        }
        return Optional.of(new PeerScope(block, new OptionSet(options), scope.position()));
    }

    private List<PeerScope> checkedPeers(List<PeerScope> peers) {
        Map<Cidr, Position> seen = new LinkedHashMap<>();
        for (PeerScope peer : peers) {
            Position first = seen.putIfAbsent(peer.block(), peer.position());
            if (first != null) {
                error(peer.position(), "Peer \"" + peer.block() + "\" is written twice in this scope (first at "
                        + first + ")");
            }
        }
        return peers;
    }

    private void option(Option option, ScopeKind where, ScopeKind listener, Map<String, Setting> into) {
        Optional<OptionDef<?>> def = registry.find(option.name());
        String readAs = READ_AS_IN_A_LISTENER.get(option.name().toLowerCase(Locale.ROOT));
        if (def.isEmpty() && readAs != null) {
            def = registry.find(readAs);
            notices.add(option.position() + ": " + option.name() + " in " + where + " is read as " + readAs
                    + " (Momentum's " + option.name() + " is a global option); write " + readAs + " to say so");
        }
        if (def.isEmpty()) {
            error(option.position(), registry.unknownOptionMessage(option.name()));
            return;
        }
        setting(option, def.get(), where, listener, into);
    }

    private void setting(Option option, OptionDef<?> def, ScopeKind where, ScopeKind listener, Map<String, Setting> into) {
        try {
            def.requireValidIn(where, listener);
        } catch (OptionException e) {
            error(option.position(), e.getMessage());
            return;
        }
        Object value;
        try {
            value = def.parse(confValue(def, option.value()));
        } catch (OptionException e) {
            error(option.value().position(), e.getMessage());
            return;
        }
        Setting previous = into.put(def.name(), new Setting(def, value, option.position()));
        if (previous != null) {
            error(option.position(), def.name() + " is set twice in this scope (first at " + previous.position()
                    + ")");
        }
        def.notice().ifPresent(notices::add);
    }

    /** The parser's value as the registry's types read it; arrays and dictionaries hold plain values only. */
    private static ConfValue confValue(OptionDef<?> def, Value value) {
        if (value instanceof Value.Text text) {
            return new ConfValue.Scalar(text.text());
        }
        if (value instanceof Value.Array array) {
            List<String> items = new ArrayList<>();
            for (Value item : array.items()) {
                items.add(plain(def, item));
            }
            return new ConfValue.Array(items);
        }
        Value.Dict dict = (Value.Dict) value;
        Map<String, String> entries = new LinkedHashMap<>();
        for (Value.Entry entry : dict.entries()) {
            entries.put(entry.key(), plain(def, entry.value()));
        }
        return new ConfValue.Dictionary(entries);
    }

    private static String plain(OptionDef<?> def, Value value) {
        if (value instanceof Value.Text text) {
            return text.text();
        }
        throw new OptionException(def.name() + ": nested arrays and dictionaries are not allowed here, got "
                + value);
    }

    /**
     * Records a problem, unless the parser already said the same on that line: it checks Listen addresses and Peer
     * blocks where they are written, and a tree with its problems in it is checked again here.
     */
    private void error(Position position, String message) {
        boolean said = errors.stream().anyMatch(e -> e.message().equals(message)
                && e.position().file().equals(position.file()) && e.position().line() == position.line());
        if (!said) {
            errors.add(new ConfError(position, message));
        }
    }

    private void throwIfErrors() throws ConfException {
        if (!errors.isEmpty()) {
            throw new ConfException(errors);
        }
    }
}
