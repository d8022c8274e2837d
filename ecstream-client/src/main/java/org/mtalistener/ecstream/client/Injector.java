package org.mtalistener.ecstream.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The command line: injects RFC 5322 files over ECStream and prints one line per message with its reply.
 *
 * <pre>
 * java -jar ecstream-inject.jar --server 127.0.0.1:1825 --from a@x.example --to b@y.example FILE|DIR...
 * </pre>
 *
 * Exit status: 0 if every message was accepted, 1 if any was not, 2 on a usage or connection error.
 */
public final class Injector {

    private static final String USAGE = """
            usage: java -jar ecstream-inject.jar --server HOST:PORT|/unix/socket --from SENDER --to RECIPIENT \
            [--to RECIPIENT]... FILE|DIR...
              --server  the ECStream listener: host:port ([v6addr]:port) or the path of its Unix domain socket
              --from    the envelope sender ("" for the null sender)
              --to      a recipient; repeat for more
              FILE|DIR  message files (RFC 5322, sent as they are); a directory sends every file in it, by name""";

    private final PrintStream out;
    private final PrintStream err;

    Injector(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Injector(System.out, System.err).run(args));
    }

    /** Parsed command line. */
    record Arguments(String server, String from, List<String> to, List<Path> files) {
    }

    int run(String[] args) {
        Arguments arguments;
        List<Path> files;
        try {
            arguments = parse(args);
            files = messageFiles(arguments.files());
        } catch (IllegalArgumentException | IOException e) {
            err.println("ecstream-inject: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (EcstreamClient client = connect(arguments.server())) {
            return inject(client, new Envelope(arguments.from(), arguments.to()), files);
        } catch (IOException e) {
            err.println("ecstream-inject: " + arguments.server() + ": " + e.getMessage());
            return 2;
        }
    }

    private int inject(EcstreamClient client, Envelope envelope, List<Path> files) {
        ArrayDeque<Sent> sent = new ArrayDeque<>();
        int failed = 0;
        for (Path file : files) {
            try (InputStream content = Files.newInputStream(file)) {
                sent.add(new Sent(file, client.send(envelope, content)));
            } catch (IOException e) {
                out.println(file + ": not sent: " + e.getMessage());
                failed++;
                if (e instanceof EcstreamException) {
                    break;
                }
            }
            // Print what is answered so far, in order, so a long run shows progress and holds little.
            while (!sent.isEmpty() && sent.peek().reply.isDone()) {
                failed += print(sent.poll());
            }
        }
        while (!sent.isEmpty()) {
            failed += print(sent.poll());
        }
        return failed == 0 ? 0 : 1;
    }

    private record Sent(Path file, CompletableFuture<MessageReply> reply) {
    }

    /** Prints one line; returns 1 if the message was not accepted. */
    private int print(Sent sent) {
        try {
            MessageReply reply = sent.reply.join();
            out.println(sent.file + ": " + reply);
            return reply.accepted() ? 0 : 1;
        } catch (CompletionException e) {
            out.println(sent.file + ": no reply: " + e.getCause().getMessage());
            return 1;
        }
    }

    static EcstreamClient connect(String server) throws IOException {
        if (server.startsWith("/") || server.startsWith(".")) {
            return EcstreamClient.connect(Path.of(server));
        }
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new IOException("--server wants host:port or a socket path, not \"" + server + "\"");
        }
        String host = server.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return EcstreamClient.connect(host, Integer.parseInt(server.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IOException("--server: \"" + server.substring(colon + 1) + "\" is not a port number");
        }
    }

    static Arguments parse(String[] args) {
        String server = null;
        String from = null;
        List<String> to = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--server", "--from", "--to" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--server")) {
                        server = value;
                    } else if (arg.equals("--from")) {
                        from = value;
                    } else {
                        to.add(value);
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (server == null || from == null || to.isEmpty() || files.isEmpty()) {
            throw new IllegalArgumentException("--server, --from, at least one --to and a file are needed");
        }
        return new Arguments(server, from, to, files);
    }

    /** The files to send: each FILE, and the regular files of each DIR in name order. */
    static List<Path> messageFiles(List<Path> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> listing = Files.list(argument)) {
                    listing.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(argument)) {
                files.add(argument);
            } else {
                throw new IOException(argument + " is neither a file nor a directory");
            }
        }
        return files;
    }
}
