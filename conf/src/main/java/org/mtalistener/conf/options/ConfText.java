package org.mtalistener.conf.options;

import java.util.List;
import org.mtalistener.conf.values.ConfString;

/** Quoting for messages and for values written back in conf syntax. */
final class ConfText {

    /** Characters that Momentum says must be quoted in a value, besides whitespace. */
    private static final String SPECIAL = "#/\"'={}[]()";

    private ConfText() {
    }

    /** {@code text} in a message, as {@link ConfString#quote} writes it. */
    static String quote(String text) {
        return ConfString.quote(text);
    }

    /** {@code text} as a conf value: bare when Momentum allows that, otherwise {@linkplain #quote quoted}. */
    static String quoteIfNeeded(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f || SPECIAL.indexOf(c) >= 0) {
                return quote(text);
            }
        }
        return text;
    }

    /**
     * The text of a value that must be a single value.
     *
     * @throws OptionException for an array or a dictionary, showing how to write the option instead
     */
    static String scalar(String option, ConfValue value, String example) {
        if (value instanceof ConfValue.Scalar scalar) {
            return scalar.text();
        }
        throw wrongKind(option, value, "a single value", example);
    }

    /** The error for a value of the wrong kind: {@code Idle_Time: takes a single value, not an array (write ...)}. */
    static OptionException wrongKind(String option, ConfValue value, String expected, String example) {
        return new OptionException(option + ": takes " + expected + ", not " + value.kind() + " (write " + option
                + " = " + example + ")");
    }

    /** "A", "A or B", "A, B or C". */
    static String orList(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** Whether {@code text} has a control character (line breaks and tabs included). */
    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
