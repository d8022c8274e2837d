package org.mtalistener.conf.options;

import java.util.Locale;
import java.util.Set;

/**
 * A boolean. Momentum's {@code ec_atobool} reads {@code true/false}, {@code on/off}, {@code enabled/disabled} and
 * {@code 1/0}; {@code yes/no} are taken too. Case does not matter ({@code Enable = "FALSE"}).
 */
public record Flag() implements OptionType<Boolean> {

    private static final Set<String> TRUE = Set.of("true", "on", "yes", "1", "enabled");
    private static final Set<String> FALSE = Set.of("false", "off", "no", "0", "disabled");

    @Override
    public Boolean parse(String option, ConfValue value) {
        String text = ConfText.scalar(option, value, example());
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(word)) {
            return Boolean.FALSE;
        }
        throw new OptionException(option + ": " + ConfText.quote(text) + " is not a boolean (use true or false)");
    }

    @Override
    public ConfValue toConf(Boolean value) {
        return new ConfValue.Scalar(value.toString());
    }

    @Override
    public String describe() {
        return "boolean";
    }

    @Override
    public String example() {
        return "true";
    }

    @Override
    public Class<?> valueClass() {
        return Boolean.class;
    }
}
