package org.mtalistener.conf.parse;

/**
 * One statement of a scope body: a {@link Scope} or an {@link Option}. Names keep the spelling written (for messages)
 * but compare case-insensitively, as Momentum's do.
 */
public sealed interface Node permits Scope, Option {

    /** The name as written, e.g. {@code ESMTP_Listener}, {@code Listen}, {@code idle_time}. */
    String name();

    /** Where the name was written (for a translated 2.x entry: where the 2.x text it came from was written). */
    Position position();

    /** Whether this node has the name {@code name}, ignoring case. */
    default boolean is(String name) {
        return Names.same(name(), name);
    }
}
