package org.mtalistener.conf.options;

import java.util.List;

/**
 * An array of one-line texts, e.g. {@code SMTP_Extensions = ( "ENHANCEDSTATUSCODES" "STARTTLS" )}. An empty array is
 * a value ({@code ( )}); an empty item or one with a control character is refused, as in {@link Text}.
 */
public record TextList() implements OptionType<List<String>> {

    @Override
    public List<String> parse(String option, ConfValue value) {
        if (!(value instanceof ConfValue.Array array)) {
            String example = value instanceof ConfValue.Scalar scalar && !scalar.text().isBlank()
                    ? new ConfValue.Array(List.of(scalar.text())).toString() : example();
            throw ConfText.wrongKind(option, value, "an array", example);
        }
        List<String> items = array.items();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item.isBlank()) {
                throw new OptionException(option + ": item " + (i + 1) + " of " + array + " is empty (remove it)");
            }
            if (ConfText.hasControlCharacter(item)) {
                throw new OptionException(option + ": item " + (i + 1) + " " + ConfText.quote(item)
                        + " has a control character (write it on one line, without tabs)");
            }
        }
        return items;
    }

    @Override
    public ConfValue toConf(List<String> value) {
        return new ConfValue.Array(value);
    }

    @Override
    public String describe() {
        return "array of text";
    }

    @Override
    public String example() {
        return "( \"value\" \"another value\" )";
    }

    @Override
    public Class<?> valueClass() {
        return List.class;
    }
}
