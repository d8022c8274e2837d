package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conf examples of the seeds and of reference/momentum-listeners.md, one file each under
 * {@code examples/} (their first lines say where each comes from): all parse and survive printing; the 2.x ones equal
 * a hand-written Momentum 4 equivalent under {@code equivalent/}; those under {@code rejected/} fail with the
 * messages their {@code # expect:} lines give.
 */
class ExamplesTest {

    private static final Pattern LEGACY_LIST = Pattern.compile("(?im)^\\s*\\w+_listener\\s*=\\s*\\(");

    static Stream<Path> examples() throws IOException {
        return confFiles("examples");
    }

    static Stream<Path> equivalents() throws IOException {
        return confFiles("equivalent");
    }

    static Stream<Path> rejected() throws IOException {
        return confFiles("rejected");
    }

    private static Stream<Path> confFiles(String directory) throws IOException {
        try (Stream<Path> files = Files.list(Conf.resources(directory))) {
            return files.filter(file -> file.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    /** Parsed under its bare file name, so that messages do not depend on where the build runs. */
    private static ConfFile parse(Path file) throws IOException, ConfException {
        return ConfParser.parse(Files.readString(file), file.getFileName());
    }

    @Test
    void everyExampleIsHere() throws IOException {
        // 5 + 1 from seed 000, 1 from seed 002, 18 from seed 004, 11 from the reference; and 6 refused
        assertEquals(36, examples().count());
        assertEquals(6, rejected().count());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParses(Path example) throws Exception {
        ConfFile file = ConfParser.parse(example);
        assertFalse(file.body().isEmpty(), "an example says something");
        assertEquals(example.toString(), file.source());
        assertEquals(example.toString(), file.body().get(0).position().file());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleReadsBackFromItsPrintedForm(Path example) throws Exception {
        ConfFile file = parse(example);
        String printed = ConfPrinter.print(file);
        ConfFile reread = ConfParser.parse(printed, Path.of("printed.conf"));
        assertEquals(file, reread);
        assertEquals(printed, ConfPrinter.print(reread), "the printed form is canonical: printing it again changes nothing");
    }

    @ParameterizedTest
    @MethodSource("equivalents")
    void a2xExampleEqualsItsMomentum4Equivalent(Path equivalent) throws Exception {
        Path legacy = Conf.resources("examples").resolve(equivalent.getFileName());
        assertTrue(Files.exists(legacy), "examples/ has " + equivalent.getFileName());
        assertTrue(LEGACY_LIST.matcher(Files.readString(legacy)).find(), legacy + " is written in the 2.x syntax");
        assertFalse(LEGACY_LIST.matcher(Files.readString(equivalent)).find(), equivalent + " is Momentum 4 syntax");
        assertEquals(parse(equivalent), parse(legacy));
    }

    @Test
    void every2xExampleHasAnEquivalent() throws IOException {
        List<String> legacy = examples()
                .filter(example -> LEGACY_LIST.matcher(read(example)).find())
                .map(example -> example.getFileName().toString())
                .toList();
        List<String> equivalent = equivalents().map(file -> file.getFileName().toString()).toList();
        assertEquals(19, legacy.size());
        assertEquals(legacy, equivalent);
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void aRejectedExampleFailsWithItsExpectedMessages(Path example) throws IOException {
        String expected = Files.readAllLines(example).stream()
                .filter(line -> line.startsWith("# expect: "))
                .map(line -> line.substring("# expect: ".length()))
                .collect(Collectors.joining("\n"));
        assertFalse(expected.isEmpty(), example + " says what it expects");
        ConfException e = assertThrows(ConfException.class, () -> parse(example));
        assertEquals(expected, e.getMessage());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
