package org.mtalistener.conf.options;

import java.util.regex.Pattern;

/**
 * Unix permission bits of a socket file, in octal as {@code chmod} takes them: {@code 0660}, {@code 0666} (the
 * leading zero may be left out). Always read as octal, so {@code 660} is {@code 0660}. Special bits (setuid, sticky)
 * mean nothing on a socket and are refused.
 */
public record FileMode() implements OptionType<Integer> {

    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");

    @Override
    public Integer parse(String option, ConfValue value) {
        String written = ConfText.scalar(option, value, example());
        String text = written.strip();
        if (OCTAL.matcher(text).matches()) {
            return Integer.parseInt(text, 8);
        }
        String why = text.matches("[0-7]{4,}") ? "only the permission bits 0000 to 0777 apply to a socket"
                : "write 3 or 4 octal digits, e.g. " + example();
        throw new OptionException(option + ": " + ConfText.quote(written) + " is not an octal file mode (" + why + ")");
    }

    @Override
    public ConfValue toConf(Integer value) {
        return new ConfValue.Scalar(String.format("%04o", value));
    }

    @Override
    public String describe() {
        return "octal file mode";
    }

    @Override
    public String example() {
        return "0660";
    }

    @Override
    public Class<?> valueClass() {
        return Integer.class;
    }
}
