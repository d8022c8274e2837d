package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Shorthands for the parser tests: text is read as if it were the file {@code test.conf}. */
final class Conf {

    static final String FILE = "test.conf";

    private Conf() {
    }

    static ConfFile parse(String text) throws ConfException {
        return ConfParser.parse(text, Path.of(FILE));
    }

    /** The message of the ConfException that {@code text} must cause. */
    static String error(String text) {
        return assertThrows(ConfException.class, () -> parse(text)).getMessage();
    }

    static Position at(int line, int column) {
        return new Position(FILE, line, column);
    }

    /** A directory under the test resources of this package. */
    static Path resources(String directory) {
        URL url = Conf.class.getResource(directory);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + directory);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Value.Text text(String text) {
        return new Value.Text(text, at(1, 1));
    }
}
