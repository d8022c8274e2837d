package org.mtalistener.conf.options;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One listener option: everything the parser, the "did you mean", the ActivationSpec properties, {@code listenerconf
 * show} and {@code docs/conf.md} need to know about it. The {@link OptionRegistry} holds one per option.
 *
 * @param name            the canonical name in Momentum's spelling, e.g. {@code Max_Message_Size}; matched without
 *                        regard to case
 * @param type            how a written value is read
 * @param defaultValue    the value when none is written anywhere in the fallback chain; empty when there is none
 * @param scopes          where the option may be written, as Momentum's options summary lists them
 * @param meaning         one line: what it does, with any decision where Momentum's docs disagree and any default
 *                        that differs from Momentum's
 * @param support         how the adapter honours it
 * @param note            for anything not {@link Support#SUPPORTED}: the equivalent, the reason it is ignored, or the
 *                        step that will bring it; empty otherwise
 * @param adapterSpecific true for the adapter's own options, which Momentum does not have
 * @param aliases         other names Momentum has used for it (e.g. the 2.x personality {@code message_size})
 * @param <T>             the type of a parsed value
 */
public record OptionDef<T>(String name, OptionType<T> type, Optional<T> defaultValue, Set<ScopeKind> scopes,
                           String meaning, Support support, String note, boolean adapterSpecific,
                           List<String> aliases) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*");

    public OptionDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(note, "note");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name \"" + name + "\" is not Word_Word");
        }
        if (scopes.stream().noneMatch(s -> s.isListener() || s == ScopeKind.LISTEN || s == ScopeKind.PEER)) {
            throw new IllegalArgumentException(name + ": a listener option is valid in a listener, Listen or Peer");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        if (meaning.isBlank() || meaning.contains("\n")) {
            throw new IllegalArgumentException(name + ": the meaning is one line");
        }
        if (support != Support.SUPPORTED && note.isBlank()) {
            throw new IllegalArgumentException(name + ": a " + support.label() + " option says why in its note");
        }
        aliases = List.copyOf(aliases);
        defaultValue.ifPresent(value -> {
            if (!type.valueClass().isInstance(value)) {
                throw new IllegalArgumentException(name + ": default " + value + " is not a " + type.describe());
            }
        });
    }

    /** By name alone, which is unique in a registry: options are the keys of every connection's option map. */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /**
     * The name of this option as an ActivationSpec property: the conf name in lower camel case,
     * {@code Max_Message_Size} → {@code maxMessageSize}.
     */
    public String propertyName() {
        return propertyNameOf(name);
    }

    /**
     * {@code confName} in lower camel case, as a JavaBean property: words are split at {@code _}; an all-capitals
     * word is one word ({@code Require_EHLO} → {@code requireEhlo}, {@code TLS_Client_CA} → {@code tlsClientCa});
     * a word in mixed case keeps its inner capitals ({@code AuthDigestMD5Parameters} →
     * {@code authDigestMD5Parameters}) except for the capitals it begins with ({@code ECStream_Idle_Time} →
     * {@code ecstreamIdleTime}, {@code TLSv13_Ciphersuites} → {@code tlsv13Ciphersuites}).
     */
    public static String propertyNameOf(String confName) {
        StringBuilder property = new StringBuilder(confName.length());
        for (String word : confName.split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean allCapitals = word.equals(word.toUpperCase(Locale.ROOT));
            if (property.length() == 0) {
                int capitals = 0;
                while (capitals < word.length() && Character.isUpperCase(word.charAt(capitals))) {
                    capitals++;
                }
                property.append(allCapitals ? word.toLowerCase(Locale.ROOT)
                        : word.substring(0, capitals).toLowerCase(Locale.ROOT) + word.substring(capitals));
            } else {
                property.append(Character.toUpperCase(word.charAt(0)))
                        .append(allCapitals ? word.substring(1).toLowerCase(Locale.ROOT) : word.substring(1));
            }
        }
        return property.toString();
    }

    /**
     * The listeners this option applies to: the listener scopes among {@link #scopes()}. Empty for the few options
     * that Momentum lists for {@code Listen} alone, which apply in a Listen of any listener.
     */
    public Set<ScopeKind> listeners() {
        return scopes.stream().filter(ScopeKind::isListener)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ScopeKind.class)));
    }

    /**
     * The typed value of {@code value}.
     *
     * @throws OptionException naming this option, the value and what to write instead
     */
    public T parse(ConfValue value) {
        return type.parse(name, value);
    }

    /**
     * {@code value}, when this option takes it: the same limits as {@link #parse}, for a value that arrives typed.
     *
     * @throws OptionException naming this option, the value and what to write instead
     */
    public T check(T value) {
        return type.check(name, value);
    }

    /** The default as it would be written in {@code ecelerity.conf}, e.g. {@code 0660}; empty when there is none. */
    public Optional<String> defaultText() {
        return defaultValue.map(value -> type.toConf(value).toString());
    }

    /**
     * The line to report once when a conf file sets this option and the adapter does not simply do what Momentum
     * does, e.g. {@code Pool_Name is ignored: threads come from ...}; empty for a {@link Support#SUPPORTED} option.
     */
    public Optional<String> notice() {
        return switch (support) {
            case SUPPORTED -> Optional.empty();
            case MAPPED -> Optional.of(name + " is honoured as " + note);
            case IGNORED -> Optional.of(name + " is ignored: " + note);
            case PLANNED -> Optional.of(name + " is accepted but not acted on yet (" + note + ")");
        };
    }

    /** Whether Momentum's summary lists {@code scope} among this option's scopes. */
    public boolean validIn(ScopeKind scope) {
        return scopes.contains(scope);
    }

    /**
     * Whether this option may be written in {@code scope}, inside {@code listener} ({@code null} at the top level;
     * ignored when {@code scope} is itself a listener).
     */
    public boolean validIn(ScopeKind scope, ScopeKind listener) {
        return scopeError(scope, listener).isEmpty();
    }

    /**
     * Checks that this option may be written in {@code scope} inside {@code listener}.
     *
     * @throws OptionException e.g. {@code Listen_Backlog is not valid in a Peer scope (valid in: ESMTP_Listener,
     *                         Listen)}
     */
    public void requireValidIn(ScopeKind scope, ScopeKind listener) {
        Optional<String> error = scopeError(scope, listener);
        if (error.isPresent()) {
            throw new OptionException(error.get());
        }
    }

    private Optional<String> scopeError(ScopeKind scope, ScopeKind listener) {
        ScopeKind context = scope.isListener() ? scope : listener;
        // DuraVIP options name no listener, only Listen: they go in a Listen of any listener
        if (context != null && !scopes.contains(context) && !listeners().isEmpty()) {
            String where = scope.isListener() ? context.confName()
                    : "a " + scope.confName() + " scope of " + context.confName();
            return Optional.of(name + " is not valid in " + where + " (it applies to " + join(listeners()) + ")");
        }
        if (!scopes.contains(scope)) {
            return Optional.of(name + " is not valid in " + scope.described() + " (valid in: "
                    + join(placesTheAdapterReads(context)) + ")");
        }
        return Optional.empty();
    }

    /** The scopes to point a user to: global, the listener in hand (or all), Listen, Peer. Not pathways, bindings. */
    private Set<ScopeKind> placesTheAdapterReads(ScopeKind context) {
        return scopes.stream()
                .filter(s -> s == ScopeKind.GLOBAL || s == ScopeKind.LISTEN || s == ScopeKind.PEER
                        || s.isListener() && (context == null || s == context))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ScopeKind.class)));
    }

    private static String join(Set<ScopeKind> scopes) {
        return scopes.stream().map(ScopeKind::confName).collect(Collectors.joining(", "));
    }
}
