package org.mtalistener.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The console command line, like Momentum's {@code ec_console}:
 *
 * <pre>
 * java -jar console.jar [ENDPOINT [COMMAND...]]
 * java -jar console.jar ENDPOINT|@FILE... COMMAND...     (a fleet: {@link Fleet})
 * </pre>
 *
 * With a command it runs that and exits; without one it runs each line of stdin, or, when stdin is a terminal, shows
 * an interactive prompt ({@link Interactive}). Exit status: 0; 1 when the server refused (authentication,
 * authorization, unknown command); 2 when it could not connect or lost the connection.
 */
public final class ConsoleClient {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int UNREACHABLE = 2;
    /** Where the password comes from when there is no terminal to ask it on (and first, when set). */
    static final String PASSWORD_VARIABLE = "CONSOLE_PASSWORD";

    private static final String USAGE = """
            usage: java -jar console.jar [ENDPOINT [COMMAND...]]
                   java -jar console.jar ENDPOINT|@FILE... COMMAND...
              ENDPOINT  a Unix socket path (default /tmp/2025), host:port or [v6]:port; user@ENDPOINT authenticates
                        as user when the server asks, the password from $CONSOLE_PASSWORD or else asked on the terminal
              @FILE     a file of endpoints, one a line (# comments)
              COMMAND   run it, print its output and exit; without one, run each line of stdin, or show a prompt
                        when stdin is a terminal. Several endpoints (a fleet): summary and show inbound merged, a
                        column per node and the total; any other command on every node, each answer after its node
            exit status: 0 ok, 1 refused (authentication, authorization, unknown command), 2 could not connect""";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** Asks the password on the terminal; null when there is no terminal. */
    private final Function<String, char[]> passwordPrompt;

    ConsoleClient(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Function<String, char[]> passwordPrompt) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.passwordPrompt = passwordPrompt;
    }

    public static void main(String[] args) {
        java.io.Console terminal = System.console();
        Function<String, char[]> prompt = terminal == null ? null : text -> terminal.readPassword("%s", text);
        ConsoleClient client = new ConsoleClient(System.in, System.out, System.err, System.getenv(), prompt);
        System.exit(client.run(args));
    }

    int run(String[] args) {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE);
            return OK;
        }
        Targets targets;
        try {
            targets = Targets.parse(args.length == 0 ? List.of(Endpoint.DEFAULT) : List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("console: " + e.getMessage());
            err.println(USAGE);
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("console: cannot read the file of endpoints: " + describe(e));
            return UNREACHABLE;
        }
        if (targets.fleet()) {
            return fleet(targets);
        }
        Endpoint endpoint = targets.endpoints().get(0);
        String command = targets.command().isEmpty() ? null : commandLine(targets.command());
        boolean interactive = command == null && passwordPrompt != null;
        char[] password = null;
        if (endpoint.user() != null) {
            password = password(endpoint);
            if (password == null) {
                err.println("console: no password for " + endpoint + ": set " + PASSWORD_VARIABLE
                        + " or run on a terminal");
                return REFUSED;
            }
        }
        ConsoleConnection connection;
        try {
            connection = ConsoleConnection.open(endpoint).credentials(endpoint.user(), password);
        } catch (IOException e) {
            err.println("console: cannot connect to " + endpoint.where() + ": " + describe(e));
            return UNREACHABLE;
        }
        try (connection) {
            if (interactive) {
                return Interactive.run(connection, password);
            }
            return command != null ? once(connection, command) : batch(connection);
        } catch (IOException e) {
            err.println("console: " + problem(endpoint, e));
            return UNREACHABLE;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0'); // the connection holds its own copy, cleared when it closes
            }
        }
    }

    /**
     * One command to every node: {@code summary} and {@code show inbound} merged into one table with a column per
     * node and the total, anything else each node's answer after its name. The status is the worst node's.
     */
    private int fleet(Targets targets) {
        if (targets.command().isEmpty()) {
            err.println("console: several consoles take a COMMAND, e.g. summary");
            err.println(USAGE);
            return UNREACHABLE;
        }
        String command = commandLine(targets.command());
        if (ConsoleConnection.isQuit(command)) {
            return OK;
        }
        Map<String, char[]> passwords = new HashMap<>();
        try {
            for (Endpoint endpoint : targets.endpoints()) {
                if (endpoint.user() != null && !passwords.containsKey(endpoint.user())) {
                    char[] password = password(endpoint);
                    if (password == null) {
                        err.println("console: no password for " + endpoint + ": set " + PASSWORD_VARIABLE
                                + " or run on a terminal");
                        return REFUSED;
                    }
                    passwords.put(endpoint.user(), password);
                }
            }
            List<NodeAnswer> answers = new Fleet(targets.endpoints(), passwords).ask(command);
            String view = String.join(" ", command.toLowerCase(Locale.ROOT).split("\\s+"));
            out.print(switch (view) {
                case "summary" -> MergedSummary.of(answers);
                case "show inbound" -> MergedInbound.of(answers);
                default -> eachNode(answers);
            });
            out.flush();
            boolean merged = view.equals("summary") || view.equals("show inbound");
            int status = OK;
            for (NodeAnswer answer : answers) {
                if (answer.problem() != null) {
                    err.println("console: " + answer.problem());
                } else if (!answer.answered() && merged) {
                    err.println("console: " + answer.node() + ": " + answer.output().strip()); // not in the table
                }
                status = Math.max(status, answer.status());
            }
            return status;
        } finally {
            passwords.values().forEach(p -> Arrays.fill(p, '\0'));
        }
    }

    /** Every node's answer, each of its lines after the node's name. */
    private static String eachNode(List<NodeAnswer> answers) {
        StringBuilder out = new StringBuilder();
        for (NodeAnswer answer : answers) {
            if (answer.output() != null) {
                for (String line : answer.output().split("\n")) {
                    out.append(answer.node()).append(": ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    private char[] password(Endpoint endpoint) {
        String variable = env.get(PASSWORD_VARIABLE);
        if (variable != null) {
            return variable.toCharArray();
        }
        return passwordPrompt == null ? null : passwordPrompt.apply("Password for " + endpoint + ": ");
    }

    /**
     * The words after the endpoint, joined by spaces; a word with white space in it is double-quoted, as the shell
     * took its quotes away and the console splits at white space outside double quotes.
     */
    static String commandLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            boolean spaced = word.isEmpty() || word.chars().anyMatch(Character::isWhitespace);
            quoted.add(spaced && word.indexOf('"') < 0 ? "\"" + word + "\"" : word);
        }
        return String.join(" ", quoted);
    }

    private int once(ConsoleConnection connection, String command) throws IOException {
        if (ConsoleConnection.isQuit(command)) {
            connection.quit();
            return OK;
        }
        try {
            return runAlone(connection, command);
        } catch (AuthenticationException e) {
            err.println("console: " + e.getMessage());
            return REFUSED;
        }
    }

    /** Runs one command and prints its output; authentication happens here when the server asks for it. */
    private int runAlone(ConsoleConnection connection, String command) throws IOException {
        try {
            return print(connection.run(command));
        } catch (IllegalArgumentException e) {
            err.println("console: not sent: " + e.getMessage());
            return REFUSED;
        }
    }

    private int print(String output) {
        out.print(output);
        if (!output.isEmpty() && !output.endsWith("\n")) {
            out.println();
        }
        out.flush();
        return ConsoleReply.refusal(output) ? REFUSED : OK;
    }

    /** A line of stdin on its way: sent, or a {@code problem} and the status it costs, or the end of the input. */
    private record Line(String command, String problem, int status) {
        static final Line END = new Line(null, null, OK);

        static Line sent(String command) {
            return new Line(command, null, OK);
        }
    }

    /**
     * Each line of stdin is a command. The first runs alone, so that if the session must authenticate it is the
     * one that finds out; the others are sent as they are read (pipelined) by a thread of their own while this one
     * prints the replies in order.
     */
    private int batch(ConsoleConnection connection) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = nextCommand(lines);
        if (first == null) {
            return OK;
        }
        if (ConsoleConnection.isQuit(first)) {
            connection.quit();
            return OK;
        }
        int status;
        try {
            status = runAlone(connection, first);
        } catch (AuthenticationException e) {
            // Every other command would be refused the same way.
            err.println("console: " + e.getMessage());
            return REFUSED;
        }
        BlockingQueue<Line> sent = new LinkedBlockingQueue<>();
        Thread sender = new Thread(() -> sendLines(connection, lines, sent), "console-sender");
        sender.setDaemon(true);
        sender.start();
        while (true) {
            Line line;
            try {
                line = sent.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return UNREACHABLE;
            }
            if (line == Line.END) {
                return status;
            }
            if (line.problem() != null) {
                err.println("console: " + line.problem());
                status = Math.max(status, line.status());
                continue;
            }
            if (ConsoleConnection.isQuit(line.command())) {
                connection.quit();
                return status;
            }
            ConsoleReply reply = connection.receive();
            if (reply.isText()) {
                status = Math.max(status, print(reply.text()));
            } else if (reply.type() == ConsoleReply.Type.AUTH_REQUIRED) {
                err.println("console: " + line.command() + ": " + connection.endpoint().where()
                        + " wants authentication");
                status = Math.max(status, REFUSED);
            } else {
                throw new ProtocolException(connection.endpoint().where() + " answered a command with "
                        + reply.type());
            }
        }
    }

    private static void sendLines(ConsoleConnection connection, BufferedReader lines, BlockingQueue<Line> sent) {
        try {
            String command;
            while ((command = nextCommand(lines)) != null) {
                try {
                    connection.send(command);
                } catch (IllegalArgumentException e) {
                    sent.add(new Line(null, "not sent: " + e.getMessage(), REFUSED));
                    continue;
                }
                sent.add(Line.sent(command));
                if (ConsoleConnection.isQuit(command)) {
                    break;
                }
            }
        } catch (IOException e) {
            // Reading stdin or writing to the server failed; what was sent is still answered first.
            sent.add(new Line(null, problem(connection.endpoint(), e), UNREACHABLE));
        } finally {
            sent.add(Line.END);
        }
    }

    /** The next line that is not blank, stripped; null at the end. */
    private static String nextCommand(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }

    /** What went wrong with the connection, naming the endpoint once. */
    static String problem(Endpoint endpoint, IOException e) {
        String message = describe(e);
        return message.startsWith(endpoint.where()) ? message : endpoint.where() + ": " + message;
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
