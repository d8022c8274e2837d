package org.mtalistener.conf.options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtalistener.conf.values.DidYouMean;

/**
 * Every listener option, looked up by name: the one source of truth for the conf parser's validation, the "did you
 * mean" on unknown names, the ActivationSpec properties, {@code listenerconf show} and the table in
 * {@code docs/conf.md}.
 *
 * <p>{@link #standard()} holds every option of Momentum 4's options summary that can be written in a listener,
 * Listen or Peer scope, and the adapter's own options. Names are matched without regard to case, as Momentum does.
 */
public final class OptionRegistry {

    /**
     * ActivationSpec properties that are not options: the listener type and the Listen address come from the scopes
     * around the options, the mapper names the conf file it read, and JCA sets the resource adapter. No option may
     * take these names.
     */
    public static final Set<String> RESERVED_PROPERTIES = Set.of("listenerType", "listen", "resourceAdapter",
            "listenPeers", "listenerPeers", "authorizationRoles", "confFile");

    private static final OptionRegistry STANDARD = new OptionRegistry(ListenerOptions.all());

    private final List<OptionDef<?>> all;
    private final Map<String, OptionDef<?>> bySpelling = new HashMap<>();
    private final Map<String, String> spellingToName = new LinkedHashMap<>();
    private final Map<String, OptionDef<?>> byProperty = new HashMap<>();

    /**
     * A registry of {@code options}.
     *
     * @throws IllegalArgumentException if two options share a name or alias (in any case) or an ActivationSpec
     *                                  property name, or one takes a {@linkplain #RESERVED_PROPERTIES reserved} one
     */
    public OptionRegistry(Collection<? extends OptionDef<?>> options) {
        List<OptionDef<?>> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparing(o -> o.name().toLowerCase(Locale.ROOT)));
        this.all = List.copyOf(sorted);
        for (OptionDef<?> option : all) {
            List<String> spellings = new ArrayList<>(option.aliases());
            spellings.add(0, option.name());
            for (String spelling : spellings) {
                OptionDef<?> before = bySpelling.put(spelling.toLowerCase(Locale.ROOT), option);
                if (before != null) {
                    throw new IllegalArgumentException(option.name() + " and " + before.name() + " are both named "
                            + spelling);
                }
                spellingToName.put(spelling, option.name());
            }
            String property = option.propertyName();
            if (RESERVED_PROPERTIES.contains(property)) {
                throw new IllegalArgumentException(option.name() + " takes the reserved property name " + property);
            }
            OptionDef<?> before = byProperty.put(property, option);
            if (before != null) {
                throw new IllegalArgumentException(option.name() + " and " + before.name()
                        + " share the property name " + property);
            }
        }
    }

    /** The listener options of Momentum 4 and the adapter's own. */
    public static OptionRegistry standard() {
        return STANDARD;
    }

    /** Every option, ordered by name. */
    public List<OptionDef<?>> all() {
        return all;
    }

    /** The option with this name or alias, in any case: {@code max_message_size}, {@code MESSAGE_SIZE}. */
    public Optional<OptionDef<?>> find(String name) {
        return Optional.ofNullable(bySpelling.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The option with this name or alias, in any case.
     *
     * @throws OptionException for an unknown name, with the closest names, e.g. {@code unknown option
     *                         "Max_Mesage_Size": did you mean Max_Message_Size?}
     */
    public OptionDef<?> require(String name) {
        return find(name).orElseThrow(() -> new OptionException(unknownOptionMessage(name)));
    }

    /** The message for an unknown option name, with up to three close names when there are any. */
    public String unknownOptionMessage(String name) {
        List<String> near = suggestionsFor(name);
        String unknown = "unknown option " + ConfText.quote(name);
        return near.isEmpty() ? unknown + " (docs/conf.md lists the options a listener takes)"
                : unknown + ": did you mean " + ConfText.orList(near) + "?";
    }

    /** The canonical names closest to {@code name}, nearest first; empty when none is close. */
    public List<String> suggestionsFor(String name) {
        return DidYouMean.closest(name, spellingToName);
    }

    /** The option whose ActivationSpec property is {@code property} (exact case, as JavaBeans). */
    public Optional<OptionDef<?>> findByPropertyName(String property) {
        return Optional.ofNullable(byProperty.get(property));
    }

    /** The options Momentum allows in {@code scope}, whatever listener it is in; ordered by name. */
    public List<OptionDef<?>> definitionsFor(ScopeKind scope) {
        return all.stream().filter(o -> o.validIn(scope)).toList();
    }

    /**
     * The options that may be written in {@code scope} inside {@code listener} ({@code null} at the top level),
     * e.g. those of a Peer in an ESMTP_Listener; ordered by name.
     */
    public List<OptionDef<?>> definitionsFor(ScopeKind scope, ScopeKind listener) {
        return all.stream().filter(o -> o.validIn(scope, listener)).toList();
    }

    /**
     * The options that apply to a Listen of {@code listener}: those that may be written in it, and those written in
     * the listener scope alone, which every Listen of it takes (Control_Listener's {@code Timeout}); ordered by name.
     */
    public List<OptionDef<?>> definitionsForListenOf(ScopeKind listener) {
        return all.stream().filter(o -> o.validIn(ScopeKind.LISTEN, listener) || o.validIn(listener, null)).toList();
    }
}
