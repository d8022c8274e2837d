package org.mtalistener.conf.options;

import java.util.Objects;

/**
 * One line of text: a path, a cipher list, a banner. It may not be empty (leave the option out instead) and may not
 * hold control characters: these values end up in replies, headers and logs, where a line break would let one value
 * forge another line. When {@link #prefix()} is not empty the text must begin with it ({@code Static_Banner} must
 * begin with {@code 220 }).
 */
public record Text(String prefix) implements OptionType<String> {

    public Text {
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String parse(String option, ConfValue value) {
        String text = ConfText.scalar(option, value, example());
        if (text.isBlank()) {
            throw new OptionException(option + ": the value is empty (write a value, or leave " + option + " out)");
        }
        if (ConfText.hasControlCharacter(text)) {
            throw new OptionException(option + ": " + ConfText.quote(text)
                    + " has a control character (write it on one line, without tabs)");
        }
        if (!text.startsWith(prefix)) {
            throw new OptionException(option + ": " + ConfText.quote(text) + " does not begin with \"" + prefix
                    + "\" (write " + ConfText.quote(prefix + text) + ")");
        }
        return text;
    }

    @Override
    public ConfValue toConf(String value) {
        return new ConfValue.Scalar(value);
    }

    @Override
    public String describe() {
        return prefix.isEmpty() ? "text" : "text beginning \"" + prefix + "\"";
    }

    @Override
    public String example() {
        return ConfText.quoteIfNeeded(prefix + "value");
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }
}
