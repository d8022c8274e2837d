package org.mtalistener.conf.options;

import java.util.regex.Pattern;
import org.mtalistener.conf.values.IpLiteral;

/**
 * A DNS host name ({@code mx.example.com}, {@code localhost}) or an address literal in brackets ({@code [192.0.2.1]},
 * {@code [IPv6:2001:db8::1]}, {@code [2001:db8::1]}). The name goes into the greeting, the EHLO reply and the
 * {@code Received:} header, so it must be a name a client can read there: labels of letters, digits and hyphens,
 * at most 63 characters each and 253 in all. Kept as written, without surrounding spaces.
 */
public record HostName() implements OptionType<String> {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    @Override
    public String parse(String option, ConfValue value) {
        String written = ConfText.scalar(option, value, example());
        String text = written.strip();
        if (text.startsWith("[") && text.endsWith("]") && text.length() > 2) {
            String address = text.substring(1, text.length() - 1);
            if (address.regionMatches(true, 0, "IPv6:", 0, 5)) {
                address = address.substring(5);
            }
            try {
                IpLiteral.parse(address);
                return text;
            } catch (IllegalArgumentException e) {
                throw new OptionException(option + ": " + ConfText.quote(written) + " is not an address literal ("
                        + e.getMessage() + ")", e);
            }
        }
        if (text.length() <= 253 && isDottedLabels(text)) {
            return text;
        }
        throw new OptionException(option + ": " + ConfText.quote(written) + " is not a host name (write labels of "
                + "letters, digits and hyphens joined by dots, e.g. " + example() + ")");
    }

    private static boolean isDottedLabels(String text) {
        if (text.isEmpty() || text.endsWith(".")) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ConfValue toConf(String value) {
        return new ConfValue.Scalar(value);
    }

    @Override
    public String describe() {
        return "host name";
    }

    @Override
    public String example() {
        return "mx.example.com";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }
}
