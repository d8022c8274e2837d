package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows of Momentum 4's options summary, read from the team's reference copy beside the project
 * ({@code ../shared/reference} from the project root). Tests that need it fail when it is not there rather than skip:
 * CI keeps it beside the clone, and a comparison that silently stops running would let the registry drift.
 */
final class MomentumSummary {

    /** From the conf module directory, where surefire runs. */
    static final Path FILE = Path.of("../../shared/reference/momentum4-listener-options.txt");

    /**
     * One row: {@code | name – meaning | default | scopes |}.
     *
     * @param name          lower case
     * @param defaultText   the default without the summary's remarks: {@code 500 (*3.0*)} is {@code 500},
     *                      {@code 4096 (ESMTP_Listener), 32768 (HTTP_Listener)} is {@code 4096}; empty for none
     * @param scopes        lower case, as listed
     * @param isScope       whether the row is a scope ({@code listen *(scope)*}), not an option
     */
    record Row(String name, String defaultText, Set<String> scopes, boolean isScope) {

        /** Whether the option can be written in a listener, Listen or Peer scope. */
        boolean isListenerOption() {
            return !isScope && scopes.stream().anyMatch(s -> s.endsWith("_listener") || s.equals("listen")
                    || s.equals("peer"));
        }
    }

    private MomentumSummary() {
    }

    static List<Row> rows() {
        return rows(FILE);
    }

    static List<Row> rows(Path file) {
        if (!Files.isRegularFile(file)) {
            fail("the Momentum 4 options summary is not at " + file.toAbsolutePath().normalize() + ": put the team's "
                    + "reference copy there (../shared/reference beside the project root, as CI does)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            // the summary pads empty cells with no-break spaces, which String.strip() keeps
            String[] cells = line.replace('\u00a0', ' ').split("\\|", -1);
            if (cells.length < 4 || cells[1].isBlank()) {
                continue; // the empty header rows
            }
            String first = cells[1].strip();
            int dash = first.indexOf(" – ");
            String name = (dash < 0 ? first : first.substring(0, dash)).replace("*(scope)*", "").strip()
                    .toLowerCase(Locale.ROOT); // one row is spelt File_Mode
            boolean isScope = first.contains("*(scope)*");
            String defaultText = cells[2].replaceAll("\\(\\*[^)]*\\*\\)", "").split(",")[0]
                    .replaceAll("\\([^)]*\\)", "").strip();
            Set<String> scopes = Arrays.stream(cells[3].split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            rows.add(new Row(name, defaultText, scopes, isScope));
        }
        return rows;
    }

    static List<Row> listenerOptions() {
        return rows().stream().filter(Row::isListenerOption).toList();
    }
}
