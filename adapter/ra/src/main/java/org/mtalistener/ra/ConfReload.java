package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.CONCURRENCY;
import static org.mtalistener.conf.options.ListenerOptions.ENABLE;
import static org.mtalistener.conf.options.ListenerOptions.FILE_MODE;
import static org.mtalistener.conf.options.ListenerOptions.LISTEN_BACKLOG;
import static org.mtalistener.conf.options.ListenerOptions.MAX_CONCURRENT_DELIVERIES;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.mtalistener.conf.map.Activations;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.values.ListenAddress;

/**
 * {@code config reload} for an activation the mapper wrote: reads its {@code confFile} again, finds its Listen and
 * makes the spec the mapper would write for it now. What a running listener cannot take is told, not dropped: the
 * event loops and the delivery cap it was started with stay until a redeployment; the backlog and mode of a socket
 * already bound wait for its next bind. Reads files: never on an event loop.
 */
final class ConfReload {

    private static final Logger LOG = Logger.getLogger(ConfReload.class.getName());

    /** Sized when the activation starts: the running values stay in the reloaded spec. */
    private static final List<OptionDef<Long>> SIZED = List.of(CONCURRENCY, MAX_CONCURRENT_DELIVERIES);
    /** Given to the socket when it binds. */
    private static final List<OptionDef<?>> BOUND = List.of(LISTEN_BACKLOG, FILE_MODE);

    /**
     * @param spec         what the file says for the activation now
     * @param notAtRunTime one line per value of the file the running listener does not take now, and when it will
     */
    record Read(ListenerActivationSpec spec, List<String> notAtRunTime) {
    }

    private ConfReload() {
    }

    /**
     * Reads the file of {@code options}' spec again and runs what it says, through {@code apply}; a file that will
     * not do changes nothing.
     *
     * @param name    the activation, for the answer and the log
     * @param started the options the listener was started with
     * @param bound   the options the socket is bound with
     * @return the console's answer: the file, what changed for new sessions and what the listener cannot take now
     */
    static String reload(String name, LiveOptions options, EffectiveOptions started, EffectiveOptions bound,
                         Consumer<ActivationConfig> apply) {
        String file = options.base().getConfFile();
        List<String> before = options.show();
        Read read;
        try {
            read = read(options.base(), started, bound);
            apply.accept(options.replace(read.spec()));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> name + ": config reload refused " + file + ": " + e.getMessage());
            return name + ": " + file + " refused, the running settings stay:\n" + indented(e.getMessage());
        }
        List<String> changed = changes(before, options.show());
        // told below: the socket bound takes them only when it binds again
        changed.removeIf(line -> BOUND.stream().anyMatch(option -> line.startsWith(option.name() + " ")));
        LOG.info(() -> name + ": " + file + " read again from the console; changed for new sessions: " + changed);
        StringBuilder out = new StringBuilder(name).append(": ").append(file).append(" read again");
        out.append(changed.isEmpty() ? ", nothing changed for new sessions\n"
                : "; for new sessions:\n" + indented(String.join("\n", changed)));
        if (!read.notAtRunTime().isEmpty()) {
            out.append("  not while it runs:\n").append(indented("  " + String.join("\n  ", read.notAtRunTime())));
        }
        return out.toString();
    }

    /** The {@code Name = value} lines of {@code after} that are new, and {@code Name unset} for options gone. */
    private static List<String> changes(List<String> before, List<String> after) {
        List<String> changed = new ArrayList<>();
        for (String line : after) {
            if (!before.contains(line)) {
                changed.add(line);
            }
        }
        List<String> names = after.stream().map(ConfReload::optionName).toList();
        for (String line : before) {
            if (!names.contains(optionName(line))) {
                changed.add(optionName(line) + " unset");
            }
        }
        return changed;
    }

    private static String optionName(String line) {
        return line.substring(0, line.indexOf(" = "));
    }

    /** Each line two spaces in, each ending in a newline. */
    private static String indented(String lines) {
        return lines.lines().map(line -> "  " + line + "\n").collect(Collectors.joining());
    }

    /**
     * @param running the spec running: its listener and Listen are looked for in its {@code confFile}
     * @param started the options the listener was started with
     * @param bound   the options the socket is bound with
     * @throws IllegalArgumentException with the file's errors (file:line:col), or saying the Listen is not in it
     */
    static Read read(ListenerActivationSpec running, EffectiveOptions started, EffectiveOptions bound) {
        String file = running.getConfFile();
        Configuration configuration;
        try {
            configuration = ConfLoader.load(Path.of(file));
        } catch (ConfException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Socket socket = socket(configuration, running);
        ListenerActivationSpec spec = new ListenerActivationSpec();
        Activations.properties(configuration, socket).forEach(spec::setProperty);
        if (!socket.enabled()) {
            // the mapper writes no MDB for a disabled Listen; a running one stops accepting, as config set would
            spec.options().setText(ENABLE, "false");
        }
        List<String> notAtRunTime = new ArrayList<>();
        for (OptionDef<Long> option : SIZED) {
            Long now = started.get(option);
            if (!Objects.equals(now, spec.options().get(option))) {
                notAtRunTime.add(option.name() + " = " + spec.options().text(option) + " in the file: the listener "
                        + "keeps " + option.name() + " = " + now + " until the application is redeployed");
            }
            spec.options().setText(option, running.options().entries().containsKey(option)
                    ? running.options().text(option) : null);
        }
        for (OptionDef<?> option : BOUND) {
            Object now = bound.get(option);
            if (!Objects.equals(now, spec.options().get(option))) {
                notAtRunTime.add(option.name() + " = " + spec.options().text(option) + " in the file: the socket "
                        + "is bound with " + OptionValues.plain(option, now) + "; the new value applies when it binds "
                        + "again (Enable false, then true) or at redeployment");
            }
        }
        return new Read(spec, notAtRunTime);
    }

    /** The activation's Listen in {@code configuration}: same listener, same address. */
    private static Socket socket(Configuration configuration, ListenerActivationSpec running) {
        ListenAddress listen = ListenAddress.parse(running.getListen().strip());
        return configuration.sockets().stream()
                .filter(socket -> socket.listener().kind() == running.listenerKind()
                        && socket.listen().address().equals(listen))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(configuration.source() + " has no "
                        + running.listenerKind().confName() + " Listen \"" + listen + "\" any more: a running socket "
                        + "cannot move or close by reload (disable it with config set ... Enable false, or "
                        + "redeploy the application with the descriptors mapped from the file)"));
    }
}
