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
 * The options of one activation as the console changes them: the base ActivationSpec (the deployed one, or the one
 * {@code config reload} last read from the conf file), and the changes set since. Each change makes a new spec and
 * builds its {@link ActivationConfig}, as a deployment would, so a bad value is refused with the deployment's own
 * message and the running configuration never holds it.
 */
final class LiveOptions {

    private final ListenerActivationSpec deployed;
    private final ActivationConfig deployedConfig;
    private ListenerActivationSpec base;
    private final Map<OptionDef<?>, String> changes = new LinkedHashMap<>();
    private ListenerActivationSpec current;

    LiveOptions(ListenerActivationSpec deployed, ActivationConfig deployedConfig) {
        this.deployed = deployed;
        this.deployedConfig = deployedConfig;
        this.base = deployed;
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
        ActivationConfig config = build(base.copy(), next, option);
        changes.clear();
        changes.putAll(next);
        return config;
    }

    synchronized ActivationConfig unset(String name) {
        OptionDef<?> option = applicable(name);
        Map<OptionDef<?>, String> next = new LinkedHashMap<>(changes);
        next.remove(option);
        ActivationConfig config = build(base.copy(), next, null);
        changes.remove(option);
        return config;
    }

    /** Drops every change: the deployed spec again. */
    synchronized ActivationConfig reload() {
        changes.clear();
        base = deployed;
        current = deployed;
        return deployedConfig;
    }

    /**
     * Drops every change and runs {@code spec} (read again from the conf file) from now on; {@code config unset}
     * goes back to it.
     *
     * @throws IllegalArgumentException as a deployment of {@code spec} would be refused; nothing changes then
     */
    synchronized ActivationConfig replace(ListenerActivationSpec spec) {
        ActivationConfig config = build(spec.copy(), Map.of(), null);
        base = spec;
        changes.clear();
        return config;
    }

    /** The spec the changes start from: the deployed one, or the conf file's since {@code config reload}. */
    synchronized ListenerActivationSpec base() {
        return base;
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

    /** {@code spec} with {@code changes}; a value {@code changed} does not take is refused as the conf would. */
    private ActivationConfig build(ListenerActivationSpec spec, Map<OptionDef<?>, String> changes,
                                   OptionDef<?> changed) {
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
