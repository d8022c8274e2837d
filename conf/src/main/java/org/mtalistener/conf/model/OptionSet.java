package org.mtalistener.conf.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mtalistener.conf.options.OptionDef;

/** The options written in one scope, in the order written; an option written twice keeps the last value. */
public final class OptionSet {

    static final OptionSet EMPTY = new OptionSet(Map.of());

    private final Map<String, Setting> settings;

    OptionSet(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public Optional<Setting> get(OptionDef<?> option) {
        return Optional.ofNullable(settings.get(option.name()));
    }

    public Collection<Setting> all() {
        return settings.values();
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** These settings without the options also set in {@code other}. */
    OptionSet without(OptionSet other) {
        Map<String, Setting> rest = new LinkedHashMap<>(settings);
        rest.keySet().removeAll(other.settings.keySet());
        return new OptionSet(rest);
    }
}
