package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;

/**
 * The option registry is the one source of truth: the ActivationSpec has a property for exactly the options the
 * registry says the adapter honours (plus the reserved ones), with the registry's defaults, and each property reads
 * and writes its own option's typed constant.
 */
class ActivationSpecRegistryTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    @Test
    void itHasAPropertyForEveryHonouredOptionAndNoOther() throws IntrospectionException {
        Set<String> properties = new TreeSet<>(properties().keySet());
        properties.removeAll(OptionRegistry.RESERVED_PROPERTIES);

        Set<String> honoured = new TreeSet<>();
        registry.all().stream().filter(o -> o.support().isHonoured()).forEach(o -> honoured.add(o.propertyName()));
        assertEquals(honoured, properties);
    }

    @Test
    void itsDefaultsAreTheRegistrys() throws Exception {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        Map<String, Object> actual = new TreeMap<>();
        Map<String, Object> expected = new TreeMap<>();
        for (Map.Entry<String, PropertyDescriptor> p : properties().entrySet()) {
            OptionDef<?> option = registry.findByPropertyName(p.getKey()).orElse(null);
            if (option != null && option.defaultValue().isPresent()) {
                expected.put(p.getKey(), option.defaultValue().get());
                // a property holds the text a descriptor gives it: read it as the conf would
                actual.put(p.getKey(), ConfLoader.propertyValue(option, String.valueOf(read(spec, p.getValue()))));
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void eachSetterWritesItsOwnOption() throws Exception {
        for (Map.Entry<String, PropertyDescriptor> p : properties().entrySet()) {
            OptionDef<?> option = registry.findByPropertyName(p.getKey()).orElse(null);
            if (option == null) {
                continue;
            }
            String example = option.type().example();
            // a descriptor gives a scalar without the conf file's quotes
            String text = example.startsWith("\"") ? example.substring(1, example.length() - 1) : example;
            Object typed = ConfLoader.propertyValue(option, text);
            Class<?> type = p.getValue().getPropertyType();
            Object argument = type == String.class ? text : type == int.class ? Math.toIntExact((Long) typed) : typed;
            ListenerActivationSpec spec = new ListenerActivationSpec();
            p.getValue().getWriteMethod().invoke(spec, argument);
            assertEquals(Set.of(option), spec.options().entries().keySet(), p.getKey());
            assertEquals(argument, read(spec, p.getValue()), p.getKey());
            assertEquals(typed, spec.options().get(option), p.getKey());
            assertEquals(type == String.class ? text : String.valueOf(typed), spec.options().text(option), p.getKey());
        }
    }

    private static Object read(ListenerActivationSpec spec, PropertyDescriptor property)
            throws IllegalAccessException, InvocationTargetException {
        return property.getReadMethod().invoke(spec);
    }

    private static Map<String, PropertyDescriptor> properties() throws IntrospectionException {
        Map<String, PropertyDescriptor> properties = new TreeMap<>();
        for (PropertyDescriptor p : Introspector.getBeanInfo(ListenerActivationSpec.class, Object.class)
                .getPropertyDescriptors()) {
            if (p.getWriteMethod() != null) {
                properties.put(p.getName(), p);
            }
        }
        return properties;
    }
}
