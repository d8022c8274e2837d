package org.mtalistener.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code show inbound} of a fleet: every node's sessions, each line after its node's name, then the count per
 * node and the total.
 */
final class MergedInbound {

    private MergedInbound() {
    }

    static String of(List<NodeAnswer> answers) {
        int width = answers.stream().mapToInt(a -> a.node().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        List<String> counts = new ArrayList<>();
        long total = 0;
        for (NodeAnswer answer : answers) {
            if (!answer.answered()) {
                counts.add("");
                continue;
            }
            long sessions = 0;
            for (String line : answer.output().split("\n")) {
                if (line.matches("\\d+: .*")) {   // "1: [ESMTP_Listener 127.0.0.1:2525] IPv4 … (for 0.264s)"
                    sessions++;
                    out.append(String.format("%-" + width + "s  %s%n", answer.node(), line));
                }
            }
            counts.add(String.valueOf(sessions));
            total += sessions;
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        return out.append(new Columns(answers.stream().map(NodeAnswer::node).toList())
                .row("Sessions", counts, String.valueOf(total)).render()).toString();
    }
}
