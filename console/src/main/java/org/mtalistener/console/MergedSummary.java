package org.mtalistener.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code summary} of a fleet: each node's summary read back and set side by side, a column per node and the
 * total. A node's Listens of one listener type add up (its own {@code summary} has them one by one); the figures
 * under the table ({@code Received Messages: 12}, {@code Reception Rate: 0.33/s (since …)}) are totalled where they
 * are numbers, and shown as they are where not ({@code Uptime}). The figure names come from the nodes' own header
 * and lines, so a figure a newer node adds shows up here too.
 */
final class MergedSummary {

    /** A figure that adds up: a number, with {@code /s} for a rate. */
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)(/s)?");

    private MergedSummary() {
    }

    /** One node's summary, read back: per listener type its state(s) and figures summed, then the lines below. */
    private record NodeSummary(Map<String, Set<String>> states, Map<String, Map<String, BigDecimal>> figures,
                               Map<String, String> lines) {

        static NodeSummary read(String output) {
            Map<String, Set<String>> states = new LinkedHashMap<>();
            Map<String, Map<String, BigDecimal>> figures = new LinkedHashMap<>();
            Map<String, String> lines = new LinkedHashMap<>();
            List<String> names = List.of();
            boolean table = true;
            for (String line : output.split("\n")) {
                if (line.isBlank()) {
                    table = false;
                } else if (table && names.isEmpty()) {
                    String[] head = line.trim().split("\\s+");   // Listener State Sessions Total ...
                    names = List.of(head).subList(Math.min(2, head.length), head.length);
                } else if (table) {
                    String[] words = line.trim().split("\\s+");
                    int first = words.length - names.size();
                    if (first < 2) {
                        throw new IllegalArgumentException("not a summary row: " + line);
                    }
                    String type = words[0];
                    states.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(words[first - 1]);
                    Map<String, BigDecimal> sums = figures.computeIfAbsent(type, t -> new LinkedHashMap<>());
                    for (int f = 0; f < names.size(); f++) {
                        sums.merge(names.get(f), new BigDecimal(words[first + f]), BigDecimal::add);
                    }
                } else {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("not a summary line: " + line);
                    }
                    lines.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            return new NodeSummary(states, figures, lines);
        }
    }

    /**
     * The merged table. A node that did not answer, or answered something that is no summary, has empty cells (its
     * problem is the caller's to tell).
     */
    static String of(List<NodeAnswer> answers) {
        List<NodeSummary> nodes = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        Set<String> figureNames = new LinkedHashSet<>();
        Set<String> lineNames = new LinkedHashSet<>();
        for (NodeAnswer answer : answers) {
            NodeSummary node = answer.answered() ? readable(answer.output()) : null;
            nodes.add(node);
            if (node != null) {
                types.addAll(node.states().keySet());
                node.figures().values().forEach(f -> figureNames.addAll(f.keySet()));
                lineNames.addAll(node.lines().keySet());
            }
        }
        Columns table = new Columns(answers.stream().map(NodeAnswer::node).toList());
        for (String type : types) {
            table.row(type, cells(nodes, n -> String.join("/", n.states().getOrDefault(type, Set.of()))), "");
            for (String figure : figureNames) {
                List<String> cells = cells(nodes, n -> {
                    BigDecimal value = n.figures().getOrDefault(type, Map.of()).get(figure);
                    return value == null ? "" : value.toPlainString();
                });
                table.row("  " + figure, cells, total(cells));
            }
        }
        for (String name : lineNames) {
            List<String> cells = cells(nodes, n -> shown(n.lines().getOrDefault(name, "")));
            table.row(name, cells, total(cells));
        }
        return table.render();
    }

    private static NodeSummary readable(String output) {
        try {
            return NodeSummary.read(output);
        } catch (IllegalArgumentException e) {
            return null; // not a summary (an older server's, or a command's refusal): an empty column
        }
    }

    private static List<String> cells(List<NodeSummary> nodes, Function<NodeSummary, String> cell) {
        return nodes.stream().map(n -> n == null ? "" : cell.apply(n)).toList();
    }

    /** An amount shows as its first word ({@code 0.33/s}, without its own "since"); anything else whole. */
    private static String shown(String value) {
        String first = value.split(" ", 2)[0];
        return AMOUNT.matcher(first).matches() ? first : value;
    }

    /** The sum when every cell that has a value is an amount of one kind; otherwise nothing. */
    private static String total(List<String> cells) {
        BigDecimal sum = BigDecimal.ZERO;
        String unit = null;
        for (String cell : cells) {
            if (cell.isEmpty()) {
                continue;
            }
            Matcher m = AMOUNT.matcher(cell);
            String cellUnit = m.matches() ? Objects.requireNonNullElse(m.group(2), "") : null;
            if (cellUnit == null || (unit != null && !unit.equals(cellUnit))) {
                return "";
            }
            unit = cellUnit;
            sum = sum.add(new BigDecimal(m.group(1)));
        }
        return unit == null ? "" : sum.toPlainString() + unit;
    }
}
