package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtalistener.smtp.SmtpCommand.Verb;

class SmtpCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EHLO example.org       | EHLO    | example.org",
            "ehlo example.org       | EHLO    | example.org",
            "MaIl FROM:<a@b.c>      | MAIL    | FROM:<a@b.c>",
            "'RSET  '               | RSET    | ''",
            "'NOOP   x  '           | NOOP    | x",
            "DATA                   | DATA    | ''",
            "EXPN list              | UNKNOWN | list",
            "MAILFROM:<a@b.c>       | UNKNOWN | ''",
            "''                     | UNKNOWN | ''",
            "QUI\u00df              | UNKNOWN | ''",
    })
    void verbsAndArguments(String line, Verb verb, String argument) {
        SmtpCommand command = SmtpCommand.parse(line);
        assertEquals(verb, command.verb());
        assertEquals(argument, command.argument());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOOP\rRSET", "NOOP\u0000", "MAIL FROM:<a@b.c>\u007f", "NO\nOP", "\u001bNOOP"})
    void controlCharactersMakeTheLineInvalid(String line) {
        assertEquals(Verb.INVALID, SmtpCommand.parse(line).verb());
    }
}
