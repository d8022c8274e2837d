package org.mtalistener.console;

import java.util.ArrayList;
import java.util.List;

/** A text table for the fleet: a label, then a column per node and one for the total, right-aligned. */
final class Columns {

    private static final String GAP = "  ";

    private final List<String> heads;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param nodes the column heads, one a node; a {@code total} column follows them */
    Columns(List<String> nodes) {
        heads = new ArrayList<>(nodes);
        heads.add("total");
    }

    /** A row: its label, a cell per node and the total (cells may be empty). */
    Columns row(String label, List<String> cells, String total) {
        if (cells.size() != heads.size() - 1) {
            throw new IllegalArgumentException(label + ": " + cells.size() + " cells for " + (heads.size() - 1)
                    + " nodes");
        }
        List<String> row = new ArrayList<>();
        row.add(label);
        row.addAll(cells);
        row.add(total);
        rows.add(row);
        return this;
    }

    String render() {
        List<String> head = new ArrayList<>();
        head.add("");
        head.addAll(heads);
        int[] widths = new int[head.size()];
        for (List<String> row : withHead(head)) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : withHead(head)) {
            StringBuilder line = new StringBuilder(pad(row.get(0), widths[0], false));
            for (int c = 1; c < row.size(); c++) {
                line.append(GAP).append(pad(row.get(c), widths[c], true));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> withHead(List<String> head) {
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(width - text.length());
        return right ? space + text : text + space;
    }
}
