package org.mtalistener.conf.options;

import java.util.List;

/**
 * One word out of a fixed set, e.g. {@code TLS_Verify_Mode} {@code none/optional/require}. Case does not matter;
 * the parsed value is the word as listed in {@link #words()}.
 */
public record Choice(List<String> words) implements OptionType<String> {

    public Choice {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one word");
        }
    }

    @Override
    public String parse(String option, ConfValue value) {
        String written = ConfText.scalar(option, value, example());
        String text = written.strip();
        for (String word : words) {
            if (word.equalsIgnoreCase(text)) {
                return word;
            }
        }
        throw new OptionException(option + ": " + ConfText.quote(written) + " is not allowed (use "
                + ConfText.orList(words) + ")");
    }

    @Override
    public ConfValue toConf(String value) {
        return new ConfValue.Scalar(value);
    }

    @Override
    public String describe() {
        return "one of: " + String.join(", ", words);
    }

    @Override
    public String example() {
        return words.get(0);
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }
}
