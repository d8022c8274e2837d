package org.mtalistener.ra;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;

/**
 * The option values of one connection, by ecelerity.conf name: the activation's properties, overridden by the Peer
 * scopes that contain the client (first in the chain wins). Reading the properties through the registry keeps one
 * list of options: a new honoured option needs its ActivationSpec property and its use, nothing in between.
 */
final class EffectiveOptions {

    private final Map<String, Object> values;
    private final Map<String, PeerScope> fromPeer;

    private EffectiveOptions(Map<String, Object> values, Map<String, PeerScope> fromPeer) {
        this.values = values;
        this.fromPeer = fromPeer;
    }

    /** The properties of {@code spec} for every option the adapter honours; an unset property is absent. */
    static EffectiveOptions of(ListenerActivationSpec spec) {
        Map<String, Object> values = new HashMap<>();
        properties(spec).forEach((property, value) -> {
            OptionDef<?> option = OptionRegistry.standard().findByPropertyName(property).orElseThrow();
            // read through the option's own type, so a property holds what the same text in a Peer would
            values.put(option.name(), ConfLoader.propertyValue(option, String.valueOf(value)));
        });
        return new EffectiveOptions(Map.copyOf(values), Map.of());
    }

    /** The set option properties of {@code spec} by property name, e.g. {@code maxMessageSize → 52428800}. */
    static Map<String, Object> properties(ListenerActivationSpec spec) {
        Map<String, Object> properties = new TreeMap<>();
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(ListenerActivationSpec.class, Object.class)
                    .getPropertyDescriptors()) {
                OptionDef<?> option = OptionRegistry.standard().findByPropertyName(property.getName()).orElse(null);
                if (option != null && option.support().isHonoured() && property.getReadMethod() != null) {
                    Object value = property.getReadMethod().invoke(spec);
                    if (value != null) {
                        properties.put(property.getName(), value);
                    }
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the activation properties", e);
        }
        return properties;
    }

    /** These values overridden by the Peer scopes of {@code chain}, most important first. */
    EffectiveOptions with(List<PeerScope> chain) {
        if (chain.isEmpty()) {
            return this;
        }
        Map<String, Object> overridden = new HashMap<>(values);
        Map<String, PeerScope> sources = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            PeerScope peer = chain.get(i);
            for (Setting setting : peer.options().all()) {
                if (setting.option().support().isHonoured()) {
                    overridden.put(setting.option().name(), setting.value());
                    sources.put(setting.option().name(), peer);
                }
            }
        }
        return new EffectiveOptions(overridden, sources);
    }

    long number(String option) {
        return ((Number) required(option)).longValue();
    }

    int count(String option) {
        return Math.toIntExact(number(option));
    }

    boolean flag(String option) {
        return (Boolean) required(option);
    }

    /** The value, or null when neither the activation nor a Peer sets it and it has no default. */
    @SuppressWarnings("unchecked")
    <T> T value(String option) {
        return (T) values.get(option);
    }

    /** The text value, or null when neither the activation nor a Peer sets it. */
    String text(String option) {
        return (String) values.get(option);
    }

    /** The Peer scope whose value the option has, or null when it is the activation's. */
    PeerScope peerOf(String option) {
        return fromPeer.get(option);
    }

    private Object required(String option) {
        Object value = values.get(option);
        if (value == null) {
            throw new IllegalStateException(option + " has no value and no default");
        }
        return value;
    }
}
