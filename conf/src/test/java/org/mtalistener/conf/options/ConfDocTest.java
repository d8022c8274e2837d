package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.parse.ConfParser;

/**
 * {@code docs/conf.md} cannot drift from the registry: between its option markers stands exactly what
 * {@link OptionDocs#markdown} writes, and the conf examples it shows load.
 */
class ConfDocTest {

    /** From the conf module directory, where surefire runs. */
    private static final Path DOC = Path.of("../docs/conf.md");
    private static final String BEGIN = "<!-- options:begin -->\n";
    private static final String END = "\n<!-- options:end -->\n";
    /** Where a mismatch leaves the document as it should be, ready to copy over docs/conf.md. */
    private static final Path UPDATED = Path.of("target/conf.md");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void theOptionTableIsWhatTheRegistrySays() throws IOException {
        String doc = doc();
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOC + " has " + BEGIN.strip() + " and, after it, " + END.strip());
        assertEquals(begin, doc.lastIndexOf(BEGIN), "one begin marker");
        assertEquals(end, doc.lastIndexOf(END), "one end marker");

        String expected = OptionDocs.markdown(OptionRegistry.standard());
        String written = doc.substring(begin + BEGIN.length(), end);
        if (!written.equals(expected)) {
            Files.createDirectories(UPDATED.getParent());
            Files.writeString(UPDATED, doc.substring(0, begin + BEGIN.length()) + expected + doc.substring(end),
                    StandardCharsets.UTF_8);
            fail(DOC + ": the option table differs from the registry; the updated document is in conf/" + UPDATED
                    + " (cp conf/" + UPDATED + " docs/conf.md)");
        }
    }

    @Test
    void theConfExamplesOfTheDocumentLoad() throws Exception {
        List<String> examples = new ArrayList<>();
        Matcher block = Pattern.compile("(?m)^```\\n(.*?)^```$", Pattern.DOTALL).matcher(doc());
        while (block.find()) {
            if (block.group(1).matches("(?s)(ESMTP_Listener \\{|Esmtp_Listener = \\().*")) {
                examples.add(block.group(1));
            }
        }
        assertEquals(3, examples.size(), "the two syntaxes and the worked example");
        for (String example : examples) {
            Configuration configuration = ConfLoader.read(ConfParser.parse(example, Path.of("conf.md")));
            assertFalse(configuration.sockets().isEmpty(), example);
        }
    }
}
