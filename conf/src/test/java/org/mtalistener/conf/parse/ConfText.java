package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the parser promises for any text, checked by the fuzz tests: a tree or a {@link ConfException} whose errors
 * all name file, line and column inside the text, never another exception; and a tree prints to text that reads back
 * to an equal tree and prints the same again.
 */
final class ConfText {

    private static final Path FILE = Path.of("fuzz.conf");
    private static final Pattern MESSAGE = Pattern.compile("fuzz\\.conf:\\d+:\\d+: \\S.*", Pattern.DOTALL);

    private ConfText() {
    }

    static void check(String text) throws ConfException {
        // an include reads whatever file it names (/dev/zero too): trusted operator input, not the fuzzer's business
        if (text.toLowerCase(Locale.ROOT).contains("include")) {
            return;
        }
        ConfFile file;
        try {
            file = ConfParser.parse(text, FILE);
        } catch (ConfException e) {
            assertTrue(!e.errors().isEmpty(), "a ConfException without errors");
            int lines = text.split("\n", -1).length;
            for (ConfError error : e.errors()) {
                assertTrue(MESSAGE.matcher(error.toString()).matches(), error.toString());
                assertTrue(error.position().line() <= lines, error.toString());
            }
            return;
        }
        String printed = ConfPrinter.print(file);
        ConfFile reread = ConfParser.parse(printed, Path.of("printed.conf"));
        assertEquals(file, reread, printed);
        assertEquals(printed, ConfPrinter.print(reread));
    }
}
