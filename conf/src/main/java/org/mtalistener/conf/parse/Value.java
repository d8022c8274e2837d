package org.mtalistener.conf.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of an option: {@link Text} (quoted or bare, the same thing once read), an {@link Array}
 * {@code ( a "b c" )} or a {@link Dict} {@code [ k = v  k2 = "v2" ]}. Arrays and dictionaries may nest.
 *
 * <p>Equality ignores positions; {@link #toString()} is the canonical Momentum 4 text.
 */
public sealed interface Value {

    /** Where the value starts: the text, or its opening bracket. */
    Position position();

    /**
     * A single value, unquoted and unescaped: {@code 300}, {@code 0666}, {@code digest:///opt/passwd},
     * {@code 220 my.mail.server ESMTP}. Whether it was quoted is not kept: Momentum reads {@code Enable = "false"} and
     * {@code Enable = false} alike.
     *
     * @param text no control characters other than tab and LF (a quoted string may run over lines)
     */
    record Text(String text, Position position) implements Value {

        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(position, "position");
            if (!Names.isWritableValue(text)) {
                throw new IllegalArgumentException("a value cannot hold CR or control characters: "
                        + Names.shown(text));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Text that && text.equals(that.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return ConfPrinter.print(this);
        }
    }

    /** {@code ( item item ... )}, items separated by whitespace. */
    record Array(List<Value> items, Position position) implements Value {

        public Array {
            Objects.requireNonNull(position, "position");
            items = List.copyOf(items);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Array that && items.equals(that.items);
        }

        @Override
        public int hashCode() {
            return items.hashCode();
        }

        @Override
        public String toString() {
            return ConfPrinter.print(this);
        }
    }

    /**
     * {@code [ key = value ... ]}, entries in the order written. Keys are data (context variable names, domain names,
     * {@code uri}), so unlike option names they compare exactly, case included.
     */
    record Dict(List<Entry> entries, Position position) implements Value {

        public Dict {
            Objects.requireNonNull(position, "position");
            entries = List.copyOf(entries);
        }

        /** The value of the first entry whose key is exactly {@code key}. */
        public Optional<Value> get(String key) {
            return entries.stream().filter(entry -> entry.key().equals(key)).map(Entry::value).findFirst();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Dict that && entries.equals(that.entries);
        }

        @Override
        public int hashCode() {
            return entries.hashCode();
        }

        @Override
        public String toString() {
            return ConfPrinter.print(this);
        }
    }

    /**
     * One {@code key = value} of a {@link Dict}.
     *
     * @param key not empty, no line breaks or control characters; written bare or quoted
     */
    record Entry(String key, Value value, Position position) {

        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(position, "position");
            if (key.isEmpty() || !Names.isWritableText(key)) {
                throw new IllegalArgumentException("not a dictionary key: " + Names.shown(key));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry that && key.equals(that.key) && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + value.hashCode();
        }
    }
}
