package org.mtalistener.conf.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The statements of the global scope ({@link ConfFile}) or of a {@link Scope}, in the order written. */
public interface Body {

    /** The scopes and options, in the order written, with includes spliced in where they stood. */
    List<Node> body();

    /** The scopes named {@code name} (ignoring case), in order. */
    default List<Scope> scopes(String name) {
        return body().stream()
                .filter(node -> node instanceof Scope && node.is(name))
                .map(Scope.class::cast)
                .toList();
    }

    /** The first scope named {@code name} (ignoring case) with exactly the instance {@code instance}, if any. */
    default Optional<Scope> scope(String name, String instance) {
        return scopes(name).stream().filter(scope -> Objects.equals(scope.instance(), instance)).findFirst();
    }

    /** The options named {@code name} (ignoring case), in order; more than one if the name is repeated. */
    default List<Option> options(String name) {
        return body().stream()
                .filter(node -> node instanceof Option && node.is(name))
                .map(Option.class::cast)
                .toList();
    }
}
