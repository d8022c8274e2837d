package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.parse.ConfError;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.parse.ConfParser;

/** Shorthands for the model tests: conf text is read as if it were the file {@code test.conf}. */
final class Load {

    static final String FILE = "test.conf";

    private Load() {
    }

    static Configuration conf(String text) throws ConfException {
        return ConfLoader.read(ConfParser.parse(text, Path.of(FILE)));
    }

    /** The problems {@code text} must cause, each as {@code test.conf:line:col: message}, in the order reported. */
    static List<String> errors(String text) {
        ConfException e = assertThrows(ConfException.class, () -> conf(text));
        return e.errors().stream().map(ConfError::toString).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> OptionDef<T> option(String name) {
        return (OptionDef<T>) OptionRegistry.standard().require(name);
    }

    /** The one Listen of a configuration with one listener and one Listen. */
    static Socket onlySocket(Configuration configuration) {
        List<Socket> sockets = configuration.sockets();
        if (sockets.size() != 1) {
            throw new AssertionError("expected one Listen, got " + sockets.size());
        }
        return sockets.get(0);
    }

    /** The examples of the parser tests. */
    static Path examples() {
        URL url = Load.class.getResource("/org/mtalistener/conf/parse/examples");
        if (url == null) {
            throw new IllegalStateException("no examples directory in the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
