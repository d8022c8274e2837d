package org.mtalistener.conf.model;

import java.util.List;
import java.util.Optional;

/**
 * A checked {@code ecelerity.conf}: its global listener options and the adapter's listeners, every value typed.
 *
 * @param source    the file it was read from
 * @param global    listener options written at the top level
 * @param listeners the listeners the adapter runs, in the order written
 * @param authorization the top-level {@code Authorization} scope (the console's roles), when the file has one
 * @param notices   what the adapter will not act on, each said once: ignored or planned options, listeners and
 *                  scopes of Momentum that the adapter does not run
 */
public record Configuration(String source, OptionSet global, List<ListenerScope> listeners,
                            Optional<Authorization> authorization, List<String> notices) {

    public Configuration {
        listeners = List.copyOf(listeners);
        notices = List.copyOf(notices);
    }

    /** Every Listen, enabled or not, each with the listener it belongs to, in the order written. */
    public List<Socket> sockets() {
        return listeners.stream()
                .flatMap(listener -> listener.listens().stream().map(listen -> new Socket(this, listener, listen)))
                .toList();
    }
}
