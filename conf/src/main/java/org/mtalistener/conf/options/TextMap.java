package org.mtalistener.conf.options;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A dictionary of texts, e.g. {@code Context = [ tier = "gold" ]} or {@code AuthLoginParameters = [ uri =
 * "file:///etc/passwd" ]}. The keys in {@link #requiredKeys()} must be present (compared without regard to case,
 * like option names); other keys are kept as written, for the feature that reads them.
 */
public record TextMap(List<String> requiredKeys) implements OptionType<Map<String, String>> {

    public TextMap {
        requiredKeys = List.copyOf(requiredKeys);
    }

    @Override
    public Map<String, String> parse(String option, ConfValue value) {
        if (!(value instanceof ConfValue.Dictionary dictionary)) {
            throw ConfText.wrongKind(option, value, "a dictionary", example());
        }
        for (String key : dictionary.entries().keySet()) {
            if (key.isBlank()) {
                throw new OptionException(option + ": " + dictionary + " has an empty key (remove that entry)");
            }
        }
        for (String required : requiredKeys) {
            boolean present = dictionary.entries().keySet().stream().anyMatch(required::equalsIgnoreCase);
            if (!present) {
                throw new OptionException(option + ": " + dictionary + " has no " + required + " (write " + option
                        + " = " + example() + ")");
            }
        }
        return dictionary.entries();
    }

    @Override
    public ConfValue toConf(Map<String, String> value) {
        return new ConfValue.Dictionary(value);
    }

    @Override
    public String describe() {
        return requiredKeys.isEmpty() ? "dictionary" : "dictionary with " + String.join(", ", requiredKeys);
    }

    @Override
    public String example() {
        if (requiredKeys.isEmpty()) {
            return "[ name = \"value\" ]";
        }
        return requiredKeys.stream().map(k -> k + " = \"...\"").collect(Collectors.joining(" ", "[ ", " ]"));
    }

    @Override
    public Class<?> valueClass() {
        return Map.class;
    }
}
