package org.mtalistener.ra;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.options.OptionDef;

/**
 * The option values of one connection: the activation's, overridden by the Peer scopes that contain the client (first
 * in the chain wins), and the registry's default for an option none of them sets. Read by the registry's constants:
 * {@code o.get(MAX_MESSAGE_SIZE)} is a {@code Long}.
 */
final class EffectiveOptions {

    private final Map<OptionDef<?>, Object> values;
    private final Map<OptionDef<?>, PeerScope> fromPeer;

    /** @param values the typed values set for the activation, each of its option's type */
    EffectiveOptions(Map<OptionDef<?>, Object> values) {
        this(Map.copyOf(values), Map.of());
    }

    private EffectiveOptions(Map<OptionDef<?>, Object> values, Map<OptionDef<?>, PeerScope> fromPeer) {
        this.values = values;
        this.fromPeer = fromPeer;
    }

    /** These values overridden by the Peer scopes of {@code chain}, most important first. */
    EffectiveOptions with(List<PeerScope> chain) {
        if (chain.isEmpty()) {
            return this;
        }
        Map<OptionDef<?>, Object> overridden = new HashMap<>(values);
        Map<OptionDef<?>, PeerScope> sources = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            PeerScope peer = chain.get(i);
            for (Setting setting : peer.options().all()) {
                if (setting.option().support().isHonoured()) {
                    overridden.put(setting.option(), setting.value());
                    sources.put(setting.option(), peer);
                }
            }
        }
        return new EffectiveOptions(overridden, sources);
    }

    /** The value, or the registry's default; null when neither the activation nor a Peer sets it and it has none. */
    @SuppressWarnings("unchecked")
    <T> T get(OptionDef<T> option) {
        Object value = values.get(option);
        return value != null ? (T) value : option.defaultValue().orElse(null);
    }

    /** A count, which its option's range keeps within an {@code int}. */
    int count(OptionDef<Long> option) {
        return Math.toIntExact(get(option));
    }

    /** A number of seconds. */
    Duration seconds(OptionDef<Long> option) {
        return Duration.ofSeconds(get(option));
    }

    /** Whether the flag is set and true: for the flags without a default, where unset means off. */
    boolean on(OptionDef<Boolean> option) {
        return Boolean.TRUE.equals(get(option));
    }

    /** The Peer scope whose value the option has, or null when it is the activation's. */
    PeerScope peerOf(OptionDef<?> option) {
        return fromPeer.get(option);
    }
}
