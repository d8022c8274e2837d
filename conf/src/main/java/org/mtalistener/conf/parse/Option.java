package org.mtalistener.conf.parse;

import java.util.Objects;

/**
 * An option, {@code name = value}. This layer does not know which options exist or what their values mean: a value
 * is text, an array or a dictionary, kept as written ({@code 0666} stays {@code "0666"}).
 *
 * <p>Equality ignores positions and the case of the name; {@link #toString()} is the canonical Momentum 4 text.
 *
 * @param name     as written; a bare word
 * @param value    the value
 * @param position where the name was written
 */
public record Option(String name, Value value, Position position) implements Node {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
        if (!Names.isBareWord(name)) {
            throw new IllegalArgumentException("not an option name: " + Names.shown(name));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Option that && Names.same(name, that.name) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Names.key(name).hashCode() + value.hashCode();
    }

    @Override
    public String toString() {
        return ConfPrinter.print(this);
    }
}
