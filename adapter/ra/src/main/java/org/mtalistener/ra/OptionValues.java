package org.mtalistener.ra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.options.ConfValue;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionException;

/**
 * The options an ActivationSpec's properties set, keyed by the registry's constants: each one's typed value, the text
 * its property gives back, and what is wrong with a value the option does not take (for {@code validate()} to report
 * with the others). A value is read once, when it is set; an option not set has the registry's default.
 */
final class OptionValues {

    /**
     * One option as set.
     *
     * @param value   the typed value; null when the text is not one
     * @param text    what the property's getter returns and the console shows
     * @param problem why the option does not take it, as the conf file would be told; null when it does
     */
    record Entry(Object value, String text, String problem) {
    }

    private final Map<OptionDef<?>, Entry> set = new LinkedHashMap<>();

    /** Sets a property of a typed JavaBean property ({@code int}, {@code long}, {@code boolean}); null unsets it. */
    <T> void set(OptionDef<T> option, T value) {
        if (value == null) {
            set.remove(option);
            return;
        }
        String problem = null;
        try {
            option.check(value);
        } catch (OptionException e) {
            problem = e.getMessage();
        }
        set.put(option, new Entry(value, String.valueOf(value), problem));
    }

    /**
     * Sets an option from its conf text, as a descriptor or the console writes it: {@code 0660},
     * {@code ( "127.0.0.0/8" )}, {@code [ uri = "file:///etc/passwd" ]}; null unsets it.
     */
    void setText(OptionDef<?> option, String text) {
        if (text == null) {
            set.remove(option);
            return;
        }
        try {
            Object value = ConfLoader.propertyValue(option, text);
            // a number or a flag reads back as Java writes it, whatever spelling set it ("yes" is true)
            set.put(option, new Entry(value, typedProperty(option) ? String.valueOf(value) : text, null));
        } catch (OptionException e) {
            set.put(option, new Entry(null, text, e.getMessage()));
        }
    }

    /** The value set, or else the registry's default; null when there is neither. */
    @SuppressWarnings("unchecked")
    <T> T get(OptionDef<T> option) {
        Entry entry = set.get(option);
        return entry != null && entry.value() != null ? (T) entry.value() : option.defaultValue().orElse(null);
    }

    /** A count as an {@code int} property holds it. */
    int count(OptionDef<Long> option) {
        return Math.toIntExact(get(option));
    }

    /** The text of the value, as its property gives it back; the default's when none is set; null without one. */
    String text(OptionDef<?> option) {
        Entry entry = set.get(option);
        if (entry != null) {
            return entry.text();
        }
        return option.defaultValue().map(value -> plain(option, value)).orElse(null);
    }

    /** Every option set, with what it was set to. */
    Map<OptionDef<?>, Entry> entries() {
        return Collections.unmodifiableMap(set);
    }

    /** The typed values set (those the options take), for the options of each connection. */
    EffectiveOptions effective() {
        Map<OptionDef<?>, Object> values = new LinkedHashMap<>();
        set.forEach((option, entry) -> {
            if (entry.problem() == null && option.support().isHonoured()) {
                values.put(option, entry.value());
            }
        });
        return new EffectiveOptions(values);
    }

    OptionValues copy() {
        OptionValues copy = new OptionValues();
        copy.set.putAll(set);
        return copy;
    }

    /** Whether the option's property is a number or a flag, rather than conf text. */
    private static boolean typedProperty(OptionDef<?> option) {
        Class<?> type = option.type().valueClass();
        return type == Long.class || type == Boolean.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static String plain(OptionDef<?> option, Object value) {
        if (typedProperty(option)) {
            return String.valueOf(value);
        }
        ConfValue conf = ((OptionDef) option).type().toConf(value);
        return conf instanceof ConfValue.Scalar scalar ? scalar.text() : conf.toString();
    }
}
