package org.mtalistener.conf.parse;

import java.util.List;
import java.util.Optional;
import org.mtalistener.conf.values.ConfString;

/**
 * Writes a tree as canonical Momentum 4 text, which {@link ConfParser} reads back to an equal tree. A 2.x file comes
 * out in the scope syntax, so this is also the 2.x to 4.x converter.
 *
 * <p>The canonical form: two spaces of indent; {@code Name {}} for an empty scope; instances always quoted
 * ({@code Listen ":25"}); values and dictionary keys bare when they are plain words ({@code 300}, {@code 0666},
 * {@code accept-pool}, {@code example.com}) and quoted otherwise ({@code "/path/to/cert.pem"}), with {@code \} and
 * {@code "} escaped by {@code \}; arrays and dictionaries on one line when they hold only text and are short, else
 * one item per line; a blank line around top-level scopes. Names are printed as written.
 */
public final class ConfPrinter {

    /** Longer one-line arrays and dictionaries are written one item per line. */
    private static final int INLINE_LIMIT = 72;
    private static final String INDENT = "  ";

    private ConfPrinter() {
    }

    public static String print(ConfFile file) {
        StringBuilder out = new StringBuilder();
        Node previous = null;
        for (Node node : file.body()) {
            if (previous != null && (node instanceof Scope || previous instanceof Scope)) {
                out.append('\n');
            }
            node(out, node, 0);
            previous = node;
        }
        return out.toString();
    }

    /** One scope or option, ending with a line break. */
    public static String print(Node node) {
        StringBuilder out = new StringBuilder();
        node(out, node, 0);
        return out.toString();
    }

    /** One value, as it would follow {@code =}. */
    public static String print(Value value) {
        StringBuilder out = new StringBuilder();
        value(out, value, 0);
        return out.toString();
    }

    private static void node(StringBuilder out, Node node, int depth) {
        indent(out, depth);
        if (node instanceof Scope scope) {
            out.append(scope.name());
            if (scope.instance() != null) {
                out.append(' ').append(ConfString.quoted(scope.instance()));
            }
            if (scope.body().isEmpty()) {
                out.append(" {}\n");
                return;
            }
            out.append(" {\n");
            for (Node child : scope.body()) {
                node(out, child, depth + 1);
            }
            indent(out, depth);
            out.append("}\n");
        } else if (node instanceof Option option) {
            out.append(option.name()).append(" = ");
            value(out, option.value(), depth);
            out.append('\n');
        }
    }

    private static void value(StringBuilder out, Value value, int depth) {
        Optional<String> inline = inline(value);
        if (inline.isPresent()) {
            out.append(inline.get());
        } else if (value instanceof Value.Array array) {
            out.append("(\n");
            for (Value item : array.items()) {
                indent(out, depth + 1);
                value(out, item, depth + 1);
                out.append('\n');
            }
            indent(out, depth);
            out.append(')');
        } else if (value instanceof Value.Dict dict) {
            out.append("[\n");
            for (Value.Entry entry : dict.entries()) {
                indent(out, depth + 1);
                out.append(key(entry.key())).append(" = ");
                value(out, entry.value(), depth + 1);
                out.append('\n');
            }
            indent(out, depth);
            out.append(']');
        }
    }

    /** The value on one line, if it is text, or an array or dictionary of text that fits. */
    private static Optional<String> inline(Value value) {
        if (value instanceof Value.Text text) {
            return Optional.of(text(text.text()));
        }
        StringBuilder out = new StringBuilder();
        if (value instanceof Value.Array array) {
            out.append('(');
            if (!appendTexts(out, array.items(), List.of())) {
                return Optional.empty();
            }
            out.append(" )");
        } else if (value instanceof Value.Dict dict) {
            out.append('[');
            if (!appendTexts(out, dict.entries().stream().map(Value.Entry::value).toList(),
                    dict.entries().stream().map(entry -> key(entry.key())).toList())) {
                return Optional.empty();
            }
            out.append(" ]");
        }
        return out.length() <= INLINE_LIMIT ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Appends {@code " key = text"} (or {@code " text"} with no keys) for each value; false if one is not text. */
    private static boolean appendTexts(StringBuilder out, List<Value> values, List<String> keys) {
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof Value.Text text)) {
                return false;
            }
            out.append(' ');
            if (!keys.isEmpty()) {
                out.append(keys.get(i)).append(" = ");
            }
            out.append(text(text.text()));
        }
        return true;
    }

    private static String text(String text) {
        return Names.isPlainValue(text) ? text : ConfString.quoted(text);
    }

    private static String key(String key) {
        return Names.isPlainValue(key) ? key : ConfString.quoted(key);
    }

    private static void indent(StringBuilder out, int depth) {
        out.append(INDENT.repeat(depth));
    }
}
