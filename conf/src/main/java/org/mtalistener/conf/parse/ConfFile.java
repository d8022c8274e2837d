package org.mtalistener.conf.parse;

import java.util.List;
import java.util.Objects;

/**
 * A parsed conf file: the global scope, with every include spliced in and every Momentum 2.x listener list translated
 * to the Momentum 4 scopes it stands for. Read it with {@link ConfParser}, write it with {@link ConfPrinter}.
 *
 * <p>Equality compares the bodies as {@link Scope} does (names ignoring case, positions ignored), not the source.
 *
 * @param source  the file as the reader named it
 * @param body    the top-level scopes and options, in order
 * @param notices what reading it found worth saying without refusing it, each {@code file:line:col: message}: a
 *                Momentum 2.x ACL entry that the Momentum 4 reading joins with a broader one, say
 */
public record ConfFile(String source, List<Node> body, List<String> notices) implements Body {

    public ConfFile {
        Objects.requireNonNull(source, "source");
        body = List.copyOf(body);
        notices = List.copyOf(notices);
    }

    /** A tree with nothing to say about how it was read, as one built rather than parsed. */
    public ConfFile(String source, List<Node> body) {
        this(source, body, List.of());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfFile that && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    /** The canonical Momentum 4 text. */
    @Override
    public String toString() {
        return ConfPrinter.print(this);
    }
}
