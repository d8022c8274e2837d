package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/** Printing and reading back, and reading anything at all, over generated input. */
class RoundTripTest {

    private static final Pattern MESSAGE = Pattern.compile("fuzz\\.conf:\\d+:\\d+: \\S.*");

    // The nested generators combine into more edge cases than there are tries; random samples cover them well.

    @Provide
    Arbitrary<ConfFile> files() {
        return Trees.files().withoutEdgeCases();
    }

    @Provide
    Arbitrary<Node> nodes() {
        return Trees.nodes(3).withoutEdgeCases();
    }

    @Provide
    Arbitrary<String> confLikeText() {
        return Trees.confLikeText().withoutEdgeCases();
    }

    @Property
    void aPrintedFileReadsBackEqual(@ForAll("files") ConfFile file) throws ConfException {
        String printed = ConfPrinter.print(file);
        ConfFile reread = ConfParser.parse(printed, Path.of("printed.conf"));
        assertEquals(file, reread, printed);
        assertEquals(printed, ConfPrinter.print(reread));
    }

    @Property
    void aPrintedNodeReadsBackEqual(@ForAll("nodes") Node node) throws ConfException {
        ConfFile reread = ConfParser.parse(ConfPrinter.print(node), Path.of("printed.conf"));
        assertEquals(1, reread.body().size());
        assertEquals(node, reread.body().get(0));
    }

    /**
     * Whatever the text, the parser answers with a tree or a ConfException whose lines all name file, line and
     * column: never another exception. A tree it gives reads back equal from its printed form.
     */
    @Property
    @StatisticsReport(StatisticsReportMode.OFF) // the coverage check is what matters
    void anyTextGivesATreeOrMessagesWithPositions(@ForAll("confLikeText") String text) throws ConfException {
        // the generator must keep producing both outcomes, or this property would test little
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("tree").count(count -> count > 0);
            coverage.check("errors").percentage(percentage -> percentage > 50);
        });
        ConfFile file;
        try {
            file = ConfParser.parse(text, Path.of("fuzz.conf"));
        } catch (ConfException e) {
            Statistics.label("outcome").collect("errors");
            for (ConfError error : e.errors()) {
                assertTrue(MESSAGE.matcher(error.toString()).matches(), error.toString());
                assertTrue(error.position().line() <= text.split("\n", -1).length, error.toString());
            }
            return;
        }
        Statistics.label("outcome").collect(file.body().isEmpty() ? "empty tree" : "tree");
        assertEquals(file, ConfParser.parse(ConfPrinter.print(file), Path.of("printed.conf")));
    }
}
