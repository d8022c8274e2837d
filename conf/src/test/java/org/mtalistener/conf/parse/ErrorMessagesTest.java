package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.parse.Conf.error;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken text gives the file, line and column of the mistake, what was expected and what was there. */
class ErrorMessagesTest {

    static Stream<Arguments> brokenTexts() {
        return Stream.of(
                Arguments.of("A = \"abc\nB = 1",
                        "test.conf:1:5: unterminated string: expected a closing \" for the one opened here, got end of file"),
                Arguments.of("A = \"abc",
                        "test.conf:1:5: unterminated string: expected a closing \" for the one opened here, got end of file"),
                Arguments.of("A = 1\n  /* never closed\nB = 2",
                        "test.conf:2:3: unterminated comment: expected */ to close the /* here, got end of file"),
                Arguments.of("A = 1 /* /* */ */",
                        "test.conf:1:18: expected \"=\", \"{\" or an instance name after */, got end of file"),
                Arguments.of("ESMTP_Listener {\n  Listen \":25\" {\n    Idle_Time = 300\n  }\n",
                        "test.conf:5:1: expected \"}\" to close ESMTP_Listener opened at 1:1, got end of file"),
                Arguments.of("ESMTP_Listener {\n  Listen \":25\" {\n    Idle_Time = 300\n}\n",
                        "test.conf:5:1: expected \"}\" to close ESMTP_Listener opened at 1:1, got end of file"),
                Arguments.of("S {\n  X = }\n", "test.conf:2:7: expected a value after \"=\", got \"}\""),
                Arguments.of("X =", "test.conf:1:4: expected a value after \"=\", got end of file"),
                // found by RoundTripTest's random texts: "=" before a brace opens a scope, but include opens none
                Arguments.of("include = { }", "test.conf:1:11: include names a file or directory to read "
                        + "(include \"file.conf\"), it opens no scope; got \"{\" after \"=\""),
                Arguments.of("X = 1\n)\n", "test.conf:2:1: expected an option or scope name, got \")\""),
                Arguments.of("}", "test.conf:1:1: expected an option or scope name, got \"}\" (no scope is open)"),
                Arguments.of("X = ( a b", "test.conf:1:10: expected \")\" to close the array opened at 1:5, got end of file"),
                Arguments.of("X = ( { )", "test.conf:1:7: expected a value or \")\", got \"{\""),
                Arguments.of("X = [ k = v",
                        "test.conf:1:12: expected \"]\" to close the dictionary opened at 1:5, got end of file"),
                Arguments.of("X = [ k v ]", "test.conf:1:9: expected \"=\" after \"k\", got \"v\""),
                Arguments.of("X = [ = v ]", "test.conf:1:7: expected a key or \"]\", got \"=\""),
                Arguments.of("X = [ \"\" = v ]", "test.conf:1:7: expected a key or \"]\", got \"\""),
                Arguments.of("S \"i\" X = 1", "test.conf:1:7: expected \"{\" to open S \"i\" (or \"=\" before a value), got \"X\""),
                Arguments.of("S )", "test.conf:1:3: expected \"=\", \"{\" or an instance name after S, got \")\""),
                Arguments.of("A = ab\"cd\"", "test.conf:1:7: expected an option or scope name, got \"cd\""),
                Arguments.of("include", "test.conf:1:8: expected the file or directory to include, got end of file"),
                Arguments.of("include {", "test.conf:1:9: expected the file or directory to include, got \"{\""),
                Arguments.of("A = 1\u0001", "test.conf:1:6: expected text, got the control character U+0001"),
                Arguments.of("X = \"a\u0000\"",
                        "test.conf:1:7: expected text in a quoted string, got the control character U+0000"),
                // long offending text is cut short
                Arguments.of("X = 1 " + "y".repeat(60) + " }",
                        "test.conf:1:68: expected \"=\", \"{\" or an instance name after " + "y".repeat(60)
                                + ", got \"}\""),
                Arguments.of("X = ( " + "z".repeat(60) + " } )",
                        "test.conf:1:68: expected a value or \")\", got \"}\""),
                Arguments.of("S " + "\"" + "q".repeat(50) + "\" = 1",
                        "test.conf:1:56: expected \"{\" to open S \"" + "q".repeat(50)
                                + "\" (or \"=\" before a value), got \"=\""),
                Arguments.of("X = 1 = 2", "test.conf:1:7: expected an option or scope name, got \"=\""),
                // bad Listen and Peer instances inside a listener
                Arguments.of("ESMTP_Listener {\n  Listen \"127.0.0.1\" {}\n}",
                        "test.conf:2:10: \"127.0.0.1\" is not a listen address: expected IPV4:PORT, [IPV6]:PORT, "
                                + "*:PORT, [*]:PORT or a Unix socket path starting with /"),
                Arguments.of("ESMTP_Listener { Listen [::1]:25 {} }", // unquoted, "[" opens a dictionary
                        "test.conf:1:25: expected the listen address in quotes after Listen, as in Listen "
                                + "\"[::1]:25\" { }, got \"[\""),
                Arguments.of("ESMTP_Listener {\n  Peer \"10.0.0.0/33\" {}\n}",
                        "test.conf:2:8: \"10.0.0.0/33\" is not a CIDR block: prefix length 33 is out of range: an "
                                + "IPv4 block takes 0 to 32"),
                Arguments.of("Control_Listener { Listen \":2025\" { Peer mail.example.com { } } }",
                        "test.conf:1:42: \"mail.example.com\" is not a CIDR block: host names are not matched, only "
                                + "addresses: write the address or block, as in 192.0.2.0/24 or 2001:db8::/32"),
                Arguments.of("ESMTP_Listener { Listen {} }",
                        "test.conf:1:18: expected a listen address after Listen, as in Listen \":25\" { }, got \"{\""),
                Arguments.of("ESMTP_Listener { peer {} }",
                        "test.conf:1:18: expected a CIDR block after peer, as in Peer \"10.0.0.0/8\" { }, got \"{\""));
    }

    @ParameterizedTest
    @MethodSource("brokenTexts")
    void aBrokenTextNamesTheLineAndColumnAndWhatWasExpected(String text, String message) {
        assertEquals(message, error(text));
    }

    @Test
    void problemsThatLeaveTheStructureIntactAreCollectedAndReadingGoesOn() {
        ConfException e = assertThrows(ConfException.class, () -> Conf.parse("""
                ESMTP_Listener {
                  Listen "*:99999" {
                    Peer "10.0.0.0/40" {}
                  }
                  Listen ":25" {}
                  Peer "::1/129" {}
                }
                X = (
                """));
        assertEquals(List.of(
                        "test.conf:2:10: \"*:99999\" is not a listen address: port 99999 is out of range: use 1 to 65535",
                        "test.conf:3:10: \"10.0.0.0/40\" is not a CIDR block: prefix length 40 is out of range: an IPv4"
                                + " block takes 0 to 32",
                        "test.conf:6:8: \"::1/129\" is not a CIDR block: prefix length 129 is out of range: an IPv6 "
                                + "block takes 0 to 128",
                        "test.conf:9:1: expected \")\" to close the array opened at 8:5, got end of file"),
                e.errors().stream().map(ConfError::toString).toList());
        assertEquals(Conf.at(6, 8), e.errors().get(2).position());
    }

    @Test
    void anUnterminatedStringAfterOtherProblemsKeepsThem() {
        assertEquals("test.conf:1:25: \"*:0\" is not a listen address: port 0 is out of range: use 1 to 65535\n"
                + "test.conf:2:5: unterminated string: expected a closing \" for the one opened here, got end of file",
                error("ESMTP_Listener { Listen \"*:0\" {} }\nX = \"open\n"));
    }

    @Test
    void nestingDeeperThanThirtyTwoLevelsIsAnErrorNotAStackOverflow() throws ConfException {
        Conf.parse("S { ".repeat(32) + "} ".repeat(32));
        Conf.parse("X = " + "( ".repeat(31) + "[ ]" + " )".repeat(31));
        assertEquals("test.conf:1:129: expected scopes, arrays and dictionaries nested at most 32 deep, got deeper "
                + "at \"S\"", error("S { ".repeat(33) + "} ".repeat(33)));
        assertEquals("test.conf:1:69: expected scopes, arrays and dictionaries nested at most 32 deep, got deeper "
                + "at \"(\"", error("X = " + "( ".repeat(100_000)));
        assertEquals("test.conf:1:197: expected scopes, arrays and dictionaries nested at most 32 deep, got deeper "
                + "at \"[\"", error("X = " + "[ k = ".repeat(100_000)));
    }

    @Test
    void readingStopsAfterTwentyProblems() {
        StringBuilder text = new StringBuilder("ESMTP_Listener {\n");
        for (int i = 1; i <= 30; i++) {
            text.append("  Listen \"bad").append(i).append("\" {}\n");
        }
        ConfException e = assertThrows(ConfException.class, () -> Conf.parse(text + "}"));
        assertEquals(21, e.errors().size());
        assertEquals("test.conf:21:10: \"bad20\" is not a listen address: expected IPV4:PORT, [IPV6]:PORT, *:PORT, "
                + "[*]:PORT or a Unix socket path starting with /", e.errors().get(19).toString());
        assertEquals("test.conf:21:10: stopped after 20 problems; fix these first", e.errors().get(20).toString());
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorWhereTheBadByteIs(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("latin1.conf");
        Files.write(file, new byte[] {'A', ' ', '=', ' ', '1', '\n', 'B', ' ', '=', ' ', '"', 'c', (byte) 0xe9, '"'});
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(file));
        assertEquals(file + ":2:7: expected UTF-8 text, got the byte 0xE9", e.getMessage());
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path directory) {
        Path file = directory.resolve("nope.conf");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(file));
        assertEquals(file + ":1:1: cannot read the file (java.nio.file.NoSuchFileException: " + file + ")",
                e.getMessage());
    }
}
