package org.mtalistener.conf.parse;

import java.util.List;
import java.util.Objects;

/**
 * A scope: anonymous ({@code ESMTP_Listener { ... }}) or named by an instance ({@code Listen ":25" { ... }},
 * {@code ThreadPool accept-pool { ... }}, {@code Domain yahoo.com { ... }}).
 *
 * <p>Equality is structural: names compare ignoring case, instances exactly, bodies in order, and positions are
 * ignored. So a 2.x listener list equals the Momentum 4 text it stands for, and a printed tree equals the tree it
 * was printed from. {@link #toString()} is the canonical Momentum 4 text ({@link ConfPrinter}).
 *
 * @param name     as written; a bare word, and not {@code include} or {@code readonly_include}
 * @param instance the instance name as written (unquoted), or {@code null} for an anonymous scope
 * @param body     the scopes and options inside, in order
 * @param position where the name was written
 */
public record Scope(String name, String instance, List<Node> body, Position position) implements Node, Body {

    public Scope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        if (!Names.isBareWord(name) || Names.isInclude(name)) {
            throw new IllegalArgumentException("not a scope name: " + Names.shown(name));
        }
        if (instance != null && !Names.isWritableText(instance)) {
            throw new IllegalArgumentException("a scope instance cannot hold line breaks or control characters: "
                    + Names.shown(instance));
        }
        body = List.copyOf(body);
    }

    public boolean isAnonymous() {
        return instance == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope that && Names.same(name, that.name) && Objects.equals(instance, that.instance)
                && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Names.key(name), instance, body);
    }

    @Override
    public String toString() {
        return ConfPrinter.print(this);
    }
}
