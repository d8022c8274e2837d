package org.mtalistener.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive console: a banner with the server's version, then {@code 12:04:31 /tmp/2025> } prompts with line
 * editing and history (JLine) until {@code quit} or end of input. The only class that touches JLine, so batch and
 * one-shot runs need no terminal.
 *
 * <p>When the server wants authentication and has no (good) credentials, it asks the user name and password, as
 * ec_console's {@code Authorization required for console session}. When the server has closed an idle session
 * ({@code Timeout}), the next command connects again first: the console sends nothing on its own, so an idle prompt
 * outlives its session.
 */
final class Interactive {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String RULE = "#".repeat(46);

    private final LineReader reader;
    private final PrintWriter writer;
    private final Endpoint endpoint;
    private ConsoleConnection connection;
    private String user;
    private char[] password;

    private Interactive(ConsoleConnection connection, char[] password, LineReader reader) {
        this.connection = connection;
        this.endpoint = connection.endpoint();
        this.user = endpoint.user();
        this.password = password;
        this.reader = reader;
        this.writer = reader.getTerminal().writer();
    }

    /** On the system terminal, with the history in {@code ~/.mta-listener-console_history}. */
    static int run(ConsoleConnection connection, char[] password) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = Path.of(System.getProperty("user.home"), ".mta-listener-console_history");
            return run(connection, password, terminal, history);
        }
    }

    /** On the given terminal; {@code history} null keeps none on disk. */
    static int run(ConsoleConnection connection, char[] password, Terminal terminal, Path history)
            throws IOException {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("console");
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = builder.build();
        try {
            return new Interactive(connection, password, reader).loop();
        } finally {
            reader.getHistory().save();
        }
    }

    private int loop() throws IOException {
        banner();
        while (true) {
            String line;
            try {
                line = reader.readLine(LocalTime.now().format(CLOCK) + " " + endpoint + "> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line, as a shell does
            } catch (EndOfFileException e) {
                line = "quit";
            }
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (ConsoleConnection.isQuit(command)) {
                if (connection != null) {
                    connection.quit();
                }
                return ConsoleClient.OK;
            }
            if (!execute(command)) {
                return ConsoleClient.UNREACHABLE;
            }
        }
    }

    private void banner() {
        writer.println(RULE);
        writer.println("# MTA Listener Adapter console: " + endpoint.where());
        try {
            for (String line : runWithLogin("version").strip().split("\n")) {
                writer.println("# " + line);
            }
        } catch (IOException e) {
            writer.println("# version: " + ConsoleClient.describe(e));
        }
        writer.println(RULE);
        writer.flush();
    }

    /** Runs one command and shows its output or what went wrong; false when the server cannot be reached again. */
    private boolean execute(String command) {
        try {
            if (connection == null || connection.closedByServer()) {
                reconnect();
            }
        } catch (IOException e) {
            writer.println("console: cannot connect to " + endpoint.where() + ": " + ConsoleClient.describe(e));
            writer.flush();
            return false;
        }
        try {
            String output = runWithLogin(command);
            writer.print(output);
            if (!output.isEmpty() && !output.endsWith("\n")) {
                writer.println();
            }
        } catch (AuthenticationException | IllegalArgumentException e) {
            writer.println("console: " + e.getMessage());
        } catch (IOException e) {
            writer.println("console: " + ConsoleClient.problem(endpoint, e));
            closeQuietly();
        }
        writer.flush();
        return true;
    }

    private void reconnect() throws IOException {
        closeQuietly();
        writer.println("(the session had ended; connecting to " + endpoint.where() + " again)");
        connection = ConsoleConnection.open(endpoint).credentials(user, password);
    }

    /** Runs a command; when the server wants credentials the session lacks, asks them once and runs it again. */
    private String runWithLogin(String command) throws IOException {
        try {
            return connection.run(command);
        } catch (AuthenticationException e) {
            if (e.mechanisms().isEmpty()) {
                throw e;
            }
            writer.println(password == null ? "Authorization required for console session" : e.getMessage());
            writer.flush();
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                if (user == null) {
                    user = reader.readLine("Username: ").strip();
                }
                char[] typed = reader.readLine("Password: ", '\0').toCharArray();
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
                password = typed;
            } catch (UserInterruptException | EndOfFileException cancelled) {
                throw e;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
            connection.credentials(user, password);
            return connection.run(command);
        }
    }

    private void closeQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException e) {
            // Closing a session that is already gone has nothing to report.
        }
        connection = null;
    }
}
