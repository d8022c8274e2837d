package org.mtalistener.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Payara Micro's log until the start is decided and tells whether it worked. Payara Micro prints "ready" even
 * when a deployment failed, so "ready" alone proves nothing: every expected application must have reported a
 * successful deployment, and nothing may have been logged at SEVERE (a socket the adapter could not bind, Payara's
 * own HTTP port taken, a deployment that threw). The first SEVERE fails the start at once: Payara Micro may log
 * "Failed to start" and never print "ready".
 *
 * <p>Once decided, the watch reads nothing more: log lines can carry text a client sent, and a watch that went on
 * reading would let a client steer the launcher (or slow it down until Payara's output pipe fills). Every test here
 * is a literal search or a pattern without backtracking, so a line costs time in proportion to its length.
 */
final class DeploymentWatch {

    enum State { STARTING, RUNNING, FAILED }

    private static final String DEPLOYED = " was successfully deployed in";
    private static final List<String> DEPLOY_FAILED = List.of("Exception while deploying the app",
            "Exception while loading the app", "Command deploy failed", "is a not valid type of deployment archive",
            "Failed to start");
    /** A connector error with its exception, e.g. {@code RAR8501: ... Exception}. */
    private static final Pattern CONNECTOR_ERROR = Pattern.compile("RAR\\d{4}: ");
    private static final String LISTENING = ": listening on ";
    private static final String DELIVERING = ", delivering to ";
    /** An ODL record whose message follows on the next lines, up to {@code ]]}. */
    private static final String MESSAGE_FOLLOWS = "[[";
    private static final String MESSAGE_ENDS = "]]";
    /** Lines of a multi-line SEVERE message kept for the reason: enough for the message, not its stack trace. */
    private static final int REASON_LINES = 4;
    private static final char ESCAPE = '\u001b';

    private final Set<String> expected;
    private final Set<String> deployed = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private State state = State.STARTING;
    /** Lines of a SEVERE message still to read before failing; -1 when not reading one. */
    private int reasonLinesLeft = -1;

    DeploymentWatch(Set<String> expectedApplications) {
        this.expected = Set.copyOf(expectedApplications);
    }

    /** Takes one log line; returns the state after it. Once RUNNING or FAILED, lines are not read. */
    State accept(String line) {
        if (state != State.STARTING) {
            return state;
        }
        line = withoutColours(line);
        if (reasonLinesLeft >= 0) {
            readReason(line);
            return state;
        }
        int deployedAt = line.indexOf(DEPLOYED);
        if (deployedAt > 0) {
            deployed.add(wordBefore(line, deployedAt));
        }
        int listeningAt = line.indexOf(LISTENING);
        int deliveringAt = listeningAt < 0 ? -1 : line.indexOf(DELIVERING, listeningAt);
        if (deliveringAt > 0) {
            String name = line.substring(nameStart(line, listeningAt), listeningAt);
            listeners.add(name + " listening on " + line.substring(listeningAt + LISTENING.length(), deliveringAt)
                    + " for " + line.substring(deliveringAt + DELIVERING.length()).strip());
        }
        boolean severe = line.contains("[SEVERE]") || line.startsWith("SEVERE:");
        if (severe || deployFailed(line)) {
            problems.add(line.strip());
            if (severe && line.stripTrailing().endsWith(MESSAGE_FOLLOWS)) {
                reasonLinesLeft = REASON_LINES;
            } else {
                state = State.FAILED;
            }
        } else if (line.contains("Payara Micro ") && line.contains(" ready in ")) {
            state = deployed.containsAll(expected) ? State.RUNNING : State.FAILED;
        }
        return state;
    }

    private void readReason(String line) {
        String text = line.strip();
        boolean last = text.endsWith(MESSAGE_ENDS) || --reasonLinesLeft == 0;
        text = text.endsWith(MESSAGE_ENDS) ? text.substring(0, text.length() - MESSAGE_ENDS.length()).strip() : text;
        if (!text.isEmpty()) {
            int at = problems.size() - 1;
            problems.set(at, problems.get(at) + " " + text);
        }
        if (last) {
            reasonLinesLeft = -1;
            state = State.FAILED;
        }
    }

    /** The line without the terminal colour codes Payara Micro writes around levels and logger names. */
    static String withoutColours(String line) {
        if (line.indexOf(ESCAPE) < 0) {
            return line;
        }
        StringBuilder plain = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ESCAPE && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == ';')) {
                    end++;
                }
                if (end < line.length() && line.charAt(end) == 'm') {
                    i = end;
                    continue;
                }
            }
            plain.append(c);
        }
        return plain.toString();
    }

    private static boolean deployFailed(String line) {
        for (String marker : DEPLOY_FAILED) {
            if (line.contains(marker)) {
                return true;
            }
        }
        return line.contains("Exception") && CONNECTOR_ERROR.matcher(line).find();
    }

    /** The word that ends just before {@code end}: the application's name in "NAME was successfully deployed". */
    private static String wordBefore(String line, int end) {
        int start = end;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
            start--;
        }
        return line.substring(start, end);
    }

    /**
     * Where the listener's name starts: the adapter writes "TYPE LISTEN: listening on ...", two words before the
     * colon.
     */
    private static int nameStart(String line, int colon) {
        int start = line.lastIndexOf(' ', colon - 1);
        start = start < 0 ? -1 : line.lastIndexOf(' ', start - 1);
        return start + 1;
    }

    /** Payara Micro's output ended: a start not decided by then failed. Returns the final state. */
    State outputEnded() {
        if (state == State.STARTING) {
            problems.add("Payara Micro ended before it was ready");
            state = State.FAILED;
        }
        return state;
    }

    /** Why the start failed, for a person to read. */
    String failure() {
        List<String> why = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(deployed);
        if (!missing.isEmpty()) {
            why.add("not deployed: " + String.join(", ", missing));
        }
        why.addAll(problems);
        return String.join("\n  ", why);
    }

    List<String> listeners() {
        return List.copyOf(listeners);
    }
}
