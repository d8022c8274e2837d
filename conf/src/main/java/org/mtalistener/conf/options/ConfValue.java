package org.mtalistener.conf.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The value of one option as written in {@code ecelerity.conf}, before it is checked against the option's type:
 * a {@linkplain Scalar scalar} ({@code Idle_Time = 300}, {@code Enable = "false"}), an {@linkplain Array array}
 * ({@code Relay_Hosts = ( "127.0.0.0/8" "10.0.0.0/8" )}) or a {@linkplain Dictionary dictionary}
 * ({@code Context = [ tier = "gold" ]}).
 *
 * <p>The conf parser turns what it reads into one of these (quotes removed); {@link OptionDef#parse(ConfValue)} turns
 * it into the typed value. {@link #toString()} writes it back in conf syntax.
 */
public sealed interface ConfValue {

    /** What this is, for error messages: "a single value", "an array" or "a dictionary". */
    String kind();

    /** One value, as text without its quotes. */
    record Scalar(String text) implements ConfValue {
        public Scalar {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String kind() {
            return "a single value";
        }

        @Override
        public String toString() {
            return ConfText.quoteIfNeeded(text);
        }
    }

    /** A list of values, in the order written: {@code ( "a" "b" )}. */
    record Array(List<String> items) implements ConfValue {
        public Array {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }

        @Override
        public String toString() {
            return items.isEmpty() ? "( )"
                    : items.stream().map(ConfText::quoteIfNeeded).collect(Collectors.joining(" ", "( ", " )"));
        }
    }

    /** Keys and values in the order written: {@code [ uri = "digest:///etc/passwd" realm = "mx" ]}. */
    record Dictionary(Map<String, String> entries) implements ConfValue {
        public Dictionary {
            // insertion order is kept: a message or a written-back file shows them as the user wrote them
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            entries.forEach((k, v) -> Objects.requireNonNull(v, () -> "value of " + k));
        }

        @Override
        public String kind() {
            return "a dictionary";
        }

        @Override
        public String toString() {
            return entries.isEmpty() ? "[ ]"
                    : entries.entrySet().stream()
                            .map(e -> ConfText.quoteIfNeeded(e.getKey()) + " = " + ConfText.quoteIfNeeded(e.getValue()))
                            .collect(Collectors.joining(" ", "[ ", " ]"));
        }
    }

    static Scalar scalar(String text) {
        return new Scalar(text);
    }

    static Array array(String... items) {
        return new Array(List.of(items));
    }
}
