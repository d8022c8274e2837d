package org.mtalistener.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Payara Micro's log as it is written and tells whether the start worked. Payara Micro prints "ready" even
 * when a deployment failed, so "ready" alone proves nothing: every expected application must have reported a
 * successful deployment, and the adapter must not have reported a socket it could not bind.
 */
final class DeploymentWatch {

    enum State { STARTING, RUNNING, FAILED }

    private static final Pattern DEPLOYED = Pattern.compile("(\\S+) was successfully deployed in");
    private static final Pattern DEPLOY_FAILED = Pattern.compile(
            "Exception while deploying the app \\[([^\\]]+)]|Exception while loading the app|Deployment of (\\S+) failed"
                    + "|Command deploy failed|is a not valid type of deployment archive|RAR\\d+: .*Exception");
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in");
    private static final Pattern LISTENING = Pattern.compile("(\\S+ \\S+): listening on (\\S+), delivering to (.*)");
    private static final Pattern CANNOT_LISTEN = Pattern.compile("\\S+ \\S+: cannot listen on .*");

    private final Set<String> expected;
    private final Set<String> deployed = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private State state = State.STARTING;

    DeploymentWatch(Set<String> expectedApplications) {
        this.expected = Set.copyOf(expectedApplications);
    }

    /** Takes one log line; returns the state after it. */
    State accept(String line) {
        Matcher m = DEPLOYED.matcher(line);
        if (m.find()) {
            deployed.add(m.group(1));
        }
        if (DEPLOY_FAILED.matcher(line).find() || CANNOT_LISTEN.matcher(line).find()) {
            problems.add(line.strip());
            if (state == State.RUNNING) {
                state = State.FAILED;
            }
        }
        Matcher l = LISTENING.matcher(line);
        if (l.find()) {
            listeners.add(l.group(1) + " listening on " + l.group(2) + " for " + l.group(3));
        }
        if (state == State.STARTING && READY.matcher(line).find()) {
            state = problems.isEmpty() && deployed.containsAll(expected) ? State.RUNNING : State.FAILED;
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
