package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionDocsTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    /** The data rows of the table, split into cells at unescaped pipes. */
    private static List<List<String>> rows(String table) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| option |") || line.startsWith("| --- |")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The option name in the first cell: the first code span. */
    private static String name(List<String> row) {
        String first = row.get(0);
        return first.substring(1, first.indexOf('`', 1));
    }

    @Test
    void listsEveryOptionOnceInRegistryOrder() {
        List<List<String>> rows = rows(OptionDocs.table(registry));
        assertEquals(registry.all().stream().map(OptionDef::name).toList(),
                rows.stream().map(OptionDocsTest::name).toList());
        assertEquals(86, rows.size());
    }

    @Test
    void everyRowHasSevenCells() {
        for (List<String> row : rows(OptionDocs.table(registry))) {
            assertEquals(7, row.size(), row.toString());
        }
    }

    @Test
    void everyRowSaysWhatTheRegistrySays() {
        Map<String, List<String>> byName = rows(OptionDocs.table(registry)).stream()
                .collect(Collectors.toMap(OptionDocsTest::name, Function.identity()));
        for (OptionDef<?> option : registry.all()) {
            List<String> row = byName.get(option.name());
            assertEquals("`" + option.propertyName() + "`", row.get(1));
            assertEquals(option.type().describe(), row.get(2));
            assertEquals(option.defaultText().map(d -> "`" + d + "`").orElse("—"), row.get(3));
            for (ScopeKind scope : option.scopes()) {
                assertTrue(row.get(4).contains(scope.confName()), option.name() + " " + scope);
            }
            assertTrue(row.get(5).startsWith("**" + option.support().label() + "**"), row.get(5));
            assertEquals(!option.note().isEmpty(), row.get(5).contains(" — "), option.name());
        }
    }

    @Test
    void showsAliasesTheAdaptersOwnOptionsAndWhy() {
        String table = OptionDocs.table(registry);
        assertTrue(table.contains("| `Max_Message_Size` (also `message_size`) | `maxMessageSize` | bytes | "
                + "`52428800` |"), table);
        assertTrue(table.contains("| `Max_Concurrent_Deliveries` (adapter) | `maxConcurrentDeliveries` |"));
        assertTrue(table.contains("| **ignored** — the event loops come from the container's WorkManager; "
                + "Concurrency sizes them |"));
        assertTrue(table.contains("| **mapped** — event-loop threads of the socket"));
        OptionDef<?> relay = registry.require("Open_Relay");
        String planned = OptionDocs.table(new OptionRegistry(List.of(new OptionDef<>("Open_Relay", OptionType.flag(),
                Optional.of(false), relay.scopes(), relay.meaning(), Support.PLANNED, "step SMTP policy", false,
                List.of()))));
        assertTrue(planned.contains("| **planned** — step SMTP policy |"), planned);
    }

    @Test
    void escapesWhatMarkdownWouldTakeForTableOrHtml() {
        OptionDef<?> context = registry.require("Context");
        OptionDef<String> odd = new OptionDef<>("Odd_Option", OptionType.text(), Optional.of("a|b"),
                context.scopes(), "Uses <postmaster> | pipes & more", Support.IGNORED, "because | why",
                false, List.of());
        String table = OptionDocs.table(new OptionRegistry(List.of(odd)));
        assertTrue(table.contains("| `Odd_Option` | `oddOption` | text | `a\\|b` |"), table);
        assertTrue(table.contains("| **ignored** — because \\| why | Uses &lt;postmaster&gt; \\| pipes &amp; more |"),
                table);
        assertEquals(7, rows(table).get(0).size());
        String real = OptionDocs.table(registry);
        assertFalse(real.contains("<postmaster>"));
        assertTrue(real.contains("RCPT TO:&lt;alice&gt;"));
    }

    @Test
    void theDocumentHasALegendForEverySupportStatusAndTheTable() {
        String doc = OptionDocs.markdown(registry);
        for (Support support : Support.values()) {
            assertTrue(doc.contains("- **" + support.label() + "**: " + support.meaning() + "\n"), support.name());
        }
        assertTrue(doc.endsWith(OptionDocs.table(registry)));
        assertTrue(doc.startsWith("<!-- generated from the option registry"));
    }

    @Test
    void mainWritesTheDocumentToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf-options.md");
        OptionDocs.main(new String[] {file.toString()});
        assertEquals(OptionDocs.markdown(registry), Files.readString(file, StandardCharsets.UTF_8));
    }
}
