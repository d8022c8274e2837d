package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.options.ConfValue.scalar;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text, HostName and Choice: the types whose value stays text. */
class TextTypesTest {

    private static String error(OptionType<?> type, String option, String text) {
        return assertThrows(OptionException.class, () -> type.parse(option, scalar(text))).getMessage();
    }

    @Test
    void textIsKeptAsWritten() {
        assertEquals("DEFAULT:!LOW:!EXP", OptionType.text().parse("TLS_Ciphers", scalar("DEFAULT:!LOW:!EXP")));
        assertEquals(" padded ", OptionType.text().parse("Reconfig_Message", scalar(" padded ")));
    }

    @Test
    void textIsNeitherEmptyNorMoreThanOneLine() {
        assertEquals("TLS_Key: the value is empty (write a value, or leave TLS_Key out)",
                error(OptionType.text(), "TLS_Key", ""));
        assertEquals("TLS_Key: the value is empty (write a value, or leave TLS_Key out)",
                error(OptionType.text(), "TLS_Key", "  "));
        assertEquals("Reconfig_Message: \"4.3.2 busy\\u000d\\u000a250 OK\" has a control character (write it on one "
                + "line, without tabs)", error(OptionType.text(), "Reconfig_Message", "4.3.2 busy\r\n250 OK"));
        assertEquals("TLS_Ciphers: \"a\\u0009b\" has a control character (write it on one line, without tabs)",
                error(OptionType.text(), "TLS_Ciphers", "a\tb"));
    }

    @Test
    void aBannerBeginsWith220() {
        OptionType<String> banner = OptionType.textStartingWith("220 ");
        assertEquals("220 my.mail.server ESMTP", banner.parse("Static_Banner", scalar("220 my.mail.server ESMTP")));
        assertEquals("Static_Banner: \"my.mail.server ESMTP\" does not begin with \"220 \" (write \"220 "
                + "my.mail.server ESMTP\")", error(banner, "Static_Banner", "my.mail.server ESMTP"));
        assertEquals("text beginning \"220 \"", banner.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.com", "localhost", "MX-1.Example.COM", "a.b", "192.0.2.1", "[192.0.2.1]",
            "[IPv6:2001:db8::1]", "[ipv6:::1]", "[2001:db8::1]",
            "a23456789012345678901234567890123456789012345678901234567890123.example.com"})
    void hostNamesAndAddressLiteralsAreKeptAsWritten(String name) {
        assertEquals(name, OptionType.hostName().parse("Banner_Hostname", scalar(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx_1.example.com", "-mx.example.com", "mx-.example.com", "mx..example.com",
            "mx.example.com.", "", "mx example.com", "mx.example.com\r\n250 x", "[]",
            "a234567890123456789012345678901234567890123456789012345678901234.example.com"})
    void refusesWhatIsNotAHostName(String name) {
        assertEquals("Banner_Hostname: " + ConfText.quote(name) + " is not a host name (write labels of letters, "
                + "digits and hyphens joined by dots, e.g. mx.example.com)",
                error(OptionType.hostName(), "Banner_Hostname", name));
    }

    @Test
    void refusesAHostNameLongerThan253() {
        String name = ("a".repeat(63) + ".").repeat(4) + "com"; // 259 characters, every label fine
        assertEquals("Received_Hostname: \"" + name + "\" is not a host name (write labels of letters, digits and "
                + "hyphens joined by dots, e.g. mx.example.com)", error(OptionType.hostName(), "Received_Hostname",
                name));
    }

    @Test
    void refusesABadAddressLiteralWithTheReason() {
        assertEquals("Banner_Hostname: \"[300.1.2.3]\" is not an address literal (\"300.1.2.3\" is not an IP "
                        + "address: octet \"300\" is greater than 255)",
                error(OptionType.hostName(), "Banner_Hostname", "[300.1.2.3]"));
    }

    @Test
    void aChoiceIgnoresCaseAndGivesTheListedWord() {
        OptionType<String> mode = OptionType.choice("none", "optional", "require");
        assertEquals("require", mode.parse("TLS_Verify_Mode", scalar("REQUIRE")));
        assertEquals("none", mode.parse("TLS_Verify_Mode", scalar(" None")));
        assertEquals("TLS_Verify_Mode: \"strict\" is not allowed (use none, optional or require)",
                error(mode, "TLS_Verify_Mode", "strict"));
        assertEquals("Click_Tracking_Scheme: \"ftp\" is not allowed (use http or https)",
                error(OptionType.choice("http", "https"), "Click_Tracking_Scheme", "ftp"));
        assertEquals("one of: none, optional, require", mode.describe());
    }

    @Test
    void aScalarTypeRefusesAnArray() {
        assertEquals("Banner_Hostname: takes a single value, not an array (write Banner_Hostname = mx.example.com)",
                assertThrows(OptionException.class, () -> OptionType.hostName().parse("Banner_Hostname",
                        new ConfValue.Array(List.of("a", "b")))).getMessage());
        assertEquals("TLS_Verify_Mode: takes a single value, not an array (write TLS_Verify_Mode = none)",
                assertThrows(OptionException.class, () -> OptionType.choice("none", "require")
                        .parse("TLS_Verify_Mode", new ConfValue.Array(List.of()))).getMessage());
    }
}
