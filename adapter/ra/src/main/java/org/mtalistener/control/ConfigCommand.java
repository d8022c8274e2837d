package org.mtalistener.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.mgmt.ManagedListener;

/**
 * {@code config get|eval|set|unset|show|showrecurse|locate|reload} over the listener scopes: a scope path is a
 * listener ({@code esmtp_listener}), then optionally {@code listen ADDRESS} for one socket.
 */
final class ConfigCommand {

    /** The listener scopes a command may name, as the console writes them: "esmtp_listener, ... or http_listener". */
    private static final List<String> LISTENERS = Arrays.stream(ScopeKind.values()).filter(ScopeKind::isAdapterListener)
            .map(kind -> kind.confName().toLowerCase(Locale.ROOT)).toList();
    private static final String LISTENER_SCOPES = String.join(", ", LISTENERS.subList(0, LISTENERS.size() - 1))
            + " or " + LISTENERS.get(LISTENERS.size() - 1);

    static final String USAGE = """
            config get SCOPE... OPTION            the value set for the scope
            config eval SCOPE... OPTION           the effective value (with the default)
            config set SCOPE... OPTION [=] VALUE  change it: Enable at once, anything else for new sessions
            config unset SCOPE... OPTION          back to the deployed value
            config show SCOPE... [OPTION]         the options of the scope
            config showrecurse SCOPE...           the same, with every scope inside
            config locate SCOPE [REGEX]           where the scopes of that name are
            config reload                         drop every change and read the conf file again (without
                                                  one: the deployed configuration again)
            SCOPE... is a listener (%s), then optionally
            listen ADDRESS for one socket, e.g.  config set esmtp_listener listen 127.0.0.1:2525 enable false
            """.formatted(String.join(", ", LISTENERS));

    private final ConsoleTarget target;

    ConfigCommand(ConsoleTarget target) {
        this.target = target;
    }

    String run(List<String> words) {
        if (words.isEmpty()) {
            return USAGE;
        }
        String sub = words.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = words.subList(1, words.size());
        try {
            return switch (sub) {
                case "reload" -> reload(rest);
                case "locate" -> locate(rest);
                case "get", "eval", "unset", "set", "show", "showrecurse" -> scoped(sub, rest);
                default -> "config " + words.get(0) + " is not a config command\n" + USAGE;
            };
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The listener sockets a scope path names, and the words after it. */
    private record Path(ScopeKind listener, String listen, List<ManagedListener> sockets, List<String> rest) {
    }

    private Path path(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("name a scope: " + LISTENER_SCOPES);
        }
        ScopeKind listener = ScopeKind.find(words.get(0)).filter(ScopeKind::isAdapterListener).orElseThrow(() ->
                new IllegalArgumentException("\"" + words.get(0) + "\" is not a listener scope of the adapter: "
                        + "use " + LISTENER_SCOPES));
        String listen = null;
        int next = 1;
        if (words.size() > 2 && words.get(1).equalsIgnoreCase("listen")) {
            listen = words.get(2);
            next = 3;
        }
        List<ManagedListener> sockets = new ArrayList<>();
        for (ManagedListener socket : target.listeners()) {
            if (socket.listenerType().equalsIgnoreCase(listener.confName())
                    && (listen == null || sameAddress(listen, socket.address()))) {
                sockets.add(socket);
            }
        }
        if (sockets.isEmpty()) {
            throw new IllegalArgumentException("No " + listener.confName()
                    + (listen == null ? "" : " Listen \"" + listen + "\"") + " is running here");
        }
        return new Path(listener, listen, sockets, words.subList(next, words.size()));
    }

    /** {@code :25} finds {@code *:25} and {@code [::]:25}; otherwise the addresses must be equal. */
    static boolean sameAddress(String given, String running) {
        try {
            ListenAddress wanted = ListenAddress.parse(given);
            ListenAddress socket = ListenAddress.parse(running);
            if (wanted.equals(socket)) {
                return true;
            }
            return wanted.kind() == ListenAddress.Kind.ANY_IPV4 && socket.kind() == ListenAddress.Kind.ANY_IPV6
                    && wanted.port() == socket.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String scoped(String sub, List<String> words) {
        Path path = path(words);
        List<String> rest = path.rest();
        if (sub.equals("show") || sub.equals("showrecurse")) {
            Optional<OptionDef<?>> only = rest.isEmpty() ? Optional.empty() : Optional.of(option(rest.get(0)));
            return show(path, only);
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("config " + sub + " needs an OPTION after the scope\n" + USAGE);
        }
        OptionDef<?> option = option(rest.get(0));
        StringBuilder out = new StringBuilder();
        for (ManagedListener socket : path.sockets()) {
            String prefix = path.sockets().size() > 1 ? "Listen \"" + socket.address() + "\": " : "";
            String scope = path.listener().confName() + "::Listen:" + socket.address();
            out.append(prefix).append(switch (sub) {
                case "get" -> {
                    String value = socket.get(option.name());
                    yield value == null ? "Option '" + option.name() + "' is not set in scope '" + scope + "'."
                            : option.name() + " = " + value;
                }
                case "eval" -> option.name() + " = " + Optional.ofNullable(socket.eval(option.name())).orElse("(unset)");
                case "unset" -> "\"" + option.name() + "\" has been unset. Effective value is now: "
                        + Optional.ofNullable(socket.unset(option.name())).orElse("(unset)");
                default -> option.name() + " = " + socket.set(option.name(), value(option, rest));
            }).append('\n');
        }
        return out.toString();
    }

    /** {@code set}'s value: the words after the option (and an optional {@code =}), as the conf file writes it. */
    private static String value(OptionDef<?> option, List<String> rest) {
        int from = rest.size() > 1 && rest.get(1).equals("=") ? 2 : 1;
        if (from >= rest.size()) {
            throw new IllegalArgumentException("config set needs a value after " + option.name() + ", e.g. "
                    + option.name() + " " + option.type().example());
        }
        return String.join(" ", rest.subList(from, rest.size()));
    }

    private static OptionDef<?> option(String name) {
        return OptionRegistry.standard().find(name).orElseThrow(() ->
                new IllegalArgumentException(OptionRegistry.standard().unknownOptionMessage(name)));
    }

    private static String show(Path path, Optional<OptionDef<?>> only) {
        StringBuilder out = new StringBuilder(path.listener().confName()).append(" {\n");
        for (ManagedListener socket : path.sockets()) {
            out.append("  Listen \"").append(socket.address()).append("\" {\n");
            for (String line : socket.show()) {
                if (only.isEmpty() || line.regionMatches(true, 0, only.get().name() + " ", 0,
                        only.get().name().length() + 1)) {
                    out.append("    ").append(line).append('\n');
                }
            }
            out.append("  }\n");
        }
        return out.append("}\n").toString();
    }

    private String locate(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("config locate needs a scope name, e.g. config locate listen");
        }
        Pattern filter;
        try {
            filter = words.size() > 1 ? Pattern.compile(words.get(1)) : null;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("config locate: \"" + words.get(1) + "\" is not a regular expression: "
                    + e.getDescription());
        }
        String scope = words.get(0);
        StringBuilder out = new StringBuilder();
        for (ManagedListener socket : target.listeners()) {
            if (scope.equalsIgnoreCase("listen")) {
                if (filter == null || filter.matcher(socket.address()).find()) {
                    out.append("Listen \"").append(socket.address()).append("\"\n  is at ")
                            .append(socket.listenerType()).append("::Listen:").append(socket.address()).append(":\n");
                }
            } else if (scope.equalsIgnoreCase(socket.listenerType()) && out.indexOf(socket.listenerType() + "\n") < 0) {
                out.append(socket.listenerType()).append("\n  is at ").append(socket.listenerType()).append(":\n");
            }
        }
        return out.length() == 0 ? "No scope " + scope + " found\n" : out.toString();
    }

    /** Each listener socket reloads on its own: each has its own conf file, or none. */
    private String reload(List<String> words) {
        if (!words.isEmpty()) {
            throw new IllegalArgumentException("config reload takes no argument here: it reads again the conf file "
                    + "each listener was mapped from (to read another file, redeploy with its descriptors)");
        }
        StringBuilder out = new StringBuilder();
        target.listeners().forEach(socket -> out.append(socket.reload()));
        return out.length() == 0 ? "No listener is running here\n" : out.toString();
    }

}
