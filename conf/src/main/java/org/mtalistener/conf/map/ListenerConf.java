package org.mtalistener.conf.map;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.values.IpLiteral;
import org.mtalistener.conf.values.ListenAddress;

/**
 * The {@code listenerconf} command line:
 * <pre>
 * listenerconf check FILE
 * listenerconf show FILE [--peer IP] [--listen ADDR]
 * listenerconf map FILE --mdb-class CLASS --out DIR [--mdb-interface MailListener|BatchMailListener]
 *                  [--control-class CLASS] [--payara-ra NAME] [--wildfly-ra NAME]
 * </pre>
 * {@code --control-class} is the console's MDB class, needed when the file has an enabled Control_Listener.
 * Exit status: 0 done, 1 the conf file has errors, 2 the command line is wrong.
 */
public final class ListenerConf {

    static final String USAGE = """
            usage: listenerconf check FILE
                   listenerconf show FILE [--peer IP] [--listen ADDR]
                   listenerconf map FILE --mdb-class CLASS --out DIR [--control-class CLASS]
                                    [--mdb-interface MailListener|BatchMailListener]
                                    [--payara-ra NAME] [--wildfly-ra NAME]""";

    private final PrintStream out;
    private final PrintStream err;

    ListenerConf(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ListenerConf(System.out, System.err).run(args));
    }

    int run(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("listenerconf: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Configuration configuration;
        try {
            configuration = ConfLoader.load(arguments.file());
        } catch (ConfException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            return switch (arguments.command()) {
                case "check" -> check(configuration);
                case "show" -> show(configuration, arguments);
                default -> map(configuration, arguments);
            };
        } catch (IllegalArgumentException e) {
            err.println("listenerconf: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("listenerconf: cannot write the descriptors: " + e.getMessage());
            return 1;
        }
    }

    private int check(Configuration configuration) {
        List<Socket> sockets = configuration.sockets();
        out.println(configuration.source() + ": OK, " + count(configuration.listeners().size(), "listener") + ", "
                + count(sockets.size(), "Listen") + " (" + String.join(", ", sockets.stream()
                .map(s -> s.name() + (s.enabled() ? "" : " disabled")).toList()) + "), "
                + count(configuration.notices().size(), "notice"));
        configuration.notices().forEach(n -> err.println("note: " + n));
        return 0;
    }

    /** Every option of each Listen with its effective value and where it comes from, like config showrecurse. */
    private int show(Configuration configuration, Arguments arguments) {
        InetAddress peer = arguments.peer() == null ? null : address(arguments.peer());
        ListenAddress only = arguments.listen() == null ? null : ListenAddress.parse(arguments.listen());
        boolean shown = false;
        for (Socket socket : configuration.sockets()) {
            if (only != null && !only.equals(socket.listen().address())) {
                continue;
            }
            shown = true;
            out.println(socket.name() + (peer == null ? "" : " for a client at " + arguments.peer())
                    + (socket.enabled() ? "" : " (disabled)"));
            for (OptionDef<?> option : OptionRegistry.standard().definitionsForListenOf(socket.listener().kind())) {
                Socket.Resolved<?> resolved = socket.resolve(option, peer);
                if (resolved.value().isPresent()) {
                    out.printf("  %-40s = %-24s # %s, %s%n", option.name(), text(resolved), resolved.source(),
                            option.support().label());
                }
            }
        }
        if (!shown) {
            throw new IllegalArgumentException("no Listen " + arguments.listen() + " in " + configuration.source());
        }
        return 0;
    }

    private int map(Configuration configuration, Arguments arguments) throws java.io.IOException {
        if (arguments.mdbClass() == null || arguments.out() == null) {
            throw new IllegalArgumentException("map needs --mdb-class CLASS and --out DIR");
        }
        List<String> skipped = new ArrayList<>();
        List<Activations.Activation> activations = Activations.of(configuration, arguments.mdbClass(),
                arguments.batchMdb(), arguments.controlClass(), skipped);
        List<Path> files = Descriptors.write(arguments.out(), activations,
                new Descriptors.Binding(arguments.payaraRa(), arguments.wildflyRa()), configuration.source());
        out.println(configuration.source() + ": " + count(activations.size(), "MDB activation") + " ("
                + String.join(", ", activations.stream().map(Activations.Activation::ejbName).toList()) + ") in "
                + String.join(", ", files.stream().map(Path::toString).toList()));
        skipped.forEach(s -> err.println("note: " + s));
        configuration.notices().forEach(n -> err.println("note: " + n));
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(Socket.Resolved<?> resolved) {
        Object value = resolved.value().orElseThrow();
        return ((org.mtalistener.conf.options.OptionType) resolved.option().type()).toConf(value).toString();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(IpLiteral.parse(text).toBytes());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--peer " + text + ": expected an IP address, e.g. 127.0.0.2");
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
