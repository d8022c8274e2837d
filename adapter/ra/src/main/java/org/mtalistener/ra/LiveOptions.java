package org.mtalistener.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionException;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;

/**
 * The options of one activation as the console changes them: the deployed ActivationSpec, and the changes set
 * since. Each change makes a new spec, validated as a deployment would be, so a bad value is refused with the
 * deployment's own message and the running spec never holds it.
 */
final class LiveOptions {

    private final ListenerActivationSpec deployed;
    private final Map<OptionDef<?>, String> changes = new LinkedHashMap<>();
    private ListenerActivationSpec current;

    LiveOptions(ListenerActivationSpec deployed) {
        this.deployed = deployed;
        this.current = deployed;
    }

    synchronized ListenerActivationSpec current() {
        return current;
    }

    /**
     * @return the spec with the change, validated (reads certificates and password files: not on an event loop)
     * @throws IllegalArgumentException naming the option and what is wrong with the value
     */
    synchronized ListenerActivationSpec set(String name, String text) {
        OptionDef<?> option = applicable(name);
        Map<OptionDef<?>, String> next = new LinkedHashMap<>(changes);
        next.remove(option);
        next.put(option, text);
        current = build(next);
        changes.remove(option);
        changes.put(option, text);
        return current;
    }

    synchronized ListenerActivationSpec unset(String name) {
        OptionDef<?> option = applicable(name);
        Map<OptionDef<?>, String> next = new LinkedHashMap<>(changes);
        next.remove(option);
        current = build(next);
        changes.remove(option);
        return current;
    }

    synchronized ListenerActivationSpec reload() {
        changes.clear();
        current = deployed;
        return current;
    }

    /** The option's value in the running spec, as the conf file writes it; null when it has none. */
    synchronized String get(String name) {
        Object value = read(current, property(applicable(name).propertyName()));
        return value == null ? null : String.valueOf(value);
    }

    /** The options with a value, as {@code Name = value} lines in registry order. */
    synchronized List<String> show() {
        List<String> lines = new ArrayList<>();
        for (OptionDef<?> option : OptionRegistry.standard().all()) {
            if (isApplicable(option)) {
                Object value = read(current, property(option.propertyName()));
                if (value != null) {
                    lines.add(option.name() + " = " + value);
                }
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
        return option.support().isHonoured() && option.validIn(ScopeKind.LISTEN, deployed.listenerKind())
                && property(option.propertyName()) != null;
    }

    private ListenerActivationSpec build(Map<OptionDef<?>, String> changes) {
        ListenerActivationSpec spec = copy(deployed);
        for (Map.Entry<OptionDef<?>, String> change : changes.entrySet()) {
            PropertyDescriptor property = property(change.getKey().propertyName());
            write(spec, property, change.getKey(), change.getValue());
        }
        try {
            spec.validate();
        } catch (InvalidPropertyException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return spec;
    }

    private static ListenerActivationSpec copy(ListenerActivationSpec from) {
        ListenerActivationSpec to = new ListenerActivationSpec();
        for (PropertyDescriptor property : properties()) {
            if (property.getReadMethod() != null && property.getWriteMethod() != null
                    && !property.getName().equals("resourceAdapter")) {
                invoke(property.getWriteMethod(), to, read(from, property));
            }
        }
        return to;
    }

    /** Writes the conf text {@code text} into the property, read through the option's own type. */
    private static void write(ListenerActivationSpec spec, PropertyDescriptor property, OptionDef<?> option,
                              String text) {
        String value = text.strip();
        Object typed;
        try {
            typed = ConfLoader.propertyValue(option, value);
        } catch (OptionException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Class<?> type = property.getPropertyType();
        Object converted;
        if (type == boolean.class || type == Boolean.class) {
            converted = typed;
        } else if (type == int.class || type == Integer.class) {
            converted = Math.toIntExact(((Number) typed).longValue());
        } else if (type == long.class || type == Long.class) {
            converted = ((Number) typed).longValue();
        } else {
            converted = value; // lists, dictionaries, modes and names stay conf text, as deployed
        }
        invoke(property.getWriteMethod(), spec, converted);
    }

    private static Object read(ListenerActivationSpec spec, PropertyDescriptor property) {
        try {
            return property.getReadMethod().invoke(spec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + property.getName(), e);
        }
    }

    private static void invoke(java.lang.reflect.Method method, Object target, Object value) {
        try {
            method.invoke(target, value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot call " + method.getName(), e);
        }
    }

    private static PropertyDescriptor property(String name) {
        for (PropertyDescriptor property : properties()) {
            if (property.getName().equals(name)) {
                return property;
            }
        }
        return null;
    }

    private static PropertyDescriptor[] properties() {
        try {
            return Introspector.getBeanInfo(ListenerActivationSpec.class, Object.class).getPropertyDescriptors();
        } catch (IntrospectionException e) {
            throw new IllegalStateException("cannot read the activation properties", e);
        }
    }
}
