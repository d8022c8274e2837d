package org.mtalistener.conf.options;

import java.util.ArrayList;
import java.util.List;
import org.mtalistener.conf.values.Cidr;

/**
 * An array of CIDR blocks as {@link Cidr#parse(String)} reads them: {@code Relay_Hosts = ( "127.0.0.0/8"
 * "2001:db8::/32" "192.0.2.7" )}. The blocks keep their order; host bits are masked off.
 */
public record CidrList() implements OptionType<List<Cidr>> {

    @Override
    public List<Cidr> parse(String option, ConfValue value) {
        if (!(value instanceof ConfValue.Array array)) {
            String example = value instanceof ConfValue.Scalar scalar && !scalar.text().isBlank()
                    ? new ConfValue.Array(List.of(scalar.text())).toString() : example();
            throw ConfText.wrongKind(option, value, "an array", example);
        }
        List<Cidr> blocks = new ArrayList<>(array.items().size());
        for (String item : array.items()) {
            try {
                blocks.add(Cidr.parse(item));
            } catch (IllegalArgumentException e) {
                throw new OptionException(option + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(blocks);
    }

    @Override
    public ConfValue toConf(List<Cidr> value) {
        return new ConfValue.Array(value.stream().map(Cidr::toString).toList());
    }

    @Override
    public String describe() {
        return "array of CIDR blocks";
    }

    @Override
    public String example() {
        return "( \"127.0.0.0/8\" \"2001:db8::/32\" )";
    }

    @Override
    public Class<?> valueClass() {
        return List.class;
    }
}
