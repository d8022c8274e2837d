package org.mtalistener.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;

/**
 * The options of one activation as the console changes them: the deployed ActivationSpec, and the changes set
 * since. Each change makes a new spec and builds its {@link ActivationConfig}, as a deployment would, so a bad value
 * is refused with the deployment's own message and the running configuration never holds it.
 */
final class LiveOptions {

    private final ListenerActivationSpec deployed;
    private final ActivationConfig deployedConfig;
    private final Map<OptionDef<?>, String> changes = new LinkedHashMap<>();
    private ListenerActivationSpec current;

    LiveOptions(ListenerActivationSpec deployed, ActivationConfig deployedConfig) {
        this.deployed = deployed;
        this.deployedConfig = deployedConfig;
        this.current = deployed;
    }

    /**
     * @return the configuration with the change (reads certificates and password files: not on an event loop)
     * @throws IllegalArgumentException naming the option and what is wrong with the value
     */
    synchronized ActivationConfig set(String name, String text) {
        OptionDef<?> option = applicable(name);
        Map<OptionDef<?>, String> next = new LinkedHashMap<>(changes);
        next.remove(option);
        next.put(option, text.strip());
        ActivationConfig config = build(next, option);
        changes.clear();
        changes.putAll(next);
        return config;
    }

    synchronized ActivationConfig unset(String name) {
        OptionDef<?> option = applicable(name);
        Map<OptionDef<?>, String> next = new LinkedHashMap<>(changes);
        next.remove(option);
        ActivationConfig config = build(next, null);
        changes.remove(option);
        return config;
    }

    synchronized ActivationConfig reload() {
        changes.clear();
        current = deployed;
        return deployedConfig;
    }

    /** The option's value in the running spec, as its property gives it; null when it has none. */
    synchronized String get(String name) {
        return current.options().text(applicable(name));
    }

    /** The options with a value, as {@code Name = value} lines in registry order. */
    synchronized List<String> show() {
        List<String> lines = new ArrayList<>();
        for (OptionDef<?> option : OptionRegistry.standard().all()) {
            String value = isApplicable(option) ? current.options().text(option) : null;
            if (value != null) {
                lines.add(option.name() + " = " + value);
            }
        }
        return lines;
    }

    private OptionDef<?> applicable(String name) {
        OptionDef<?> option = OptionRegistry.standard().find(name).orElseThrow(() ->
                new IllegalArgumentException(OptionRegistry.standard().unknownOptionMessage(name)));
        if (!isApplicable(option)) {
            throw new IllegalArgumentException(option.name() + " is not an option the adapter runs on a "
                    + deployed.listenerKind().confName() + " Listen (see docs/conf.md)");
        }
        return option;
    }

    private boolean isApplicable(OptionDef<?> option) {
        return option.support().isHonoured() && option.validIn(ScopeKind.LISTEN, deployed.listenerKind());
    }

    /** The deployed spec with {@code changes}; a value {@code changed} does not take is refused as the conf would. */
    private ActivationConfig build(Map<OptionDef<?>, String> changes, OptionDef<?> changed) {
        ListenerActivationSpec spec = deployed.copy();
        changes.forEach((option, text) -> spec.options().setText(option, text));
        OptionValues.Entry entry = changed == null ? null : spec.options().entries().get(changed);
        if (entry != null && entry.problem() != null) {
            throw new IllegalArgumentException(entry.problem());
        }
        try {
            ActivationConfig config = ActivationConfig.of(spec);
            current = spec;
            return config;
        } catch (InvalidPropertyException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
