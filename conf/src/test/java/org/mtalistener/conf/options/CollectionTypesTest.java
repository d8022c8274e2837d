package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.options.ConfValue.array;
import static org.mtalistener.conf.options.ConfValue.scalar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtalistener.conf.values.Cidr;

/** TextList, CidrList and TextMap: arrays and dictionaries. */
class CollectionTypesTest {

    private static String error(OptionType<?> type, String option, ConfValue value) {
        return assertThrows(OptionException.class, () -> type.parse(option, value)).getMessage();
    }

    @Test
    void aTextListKeepsItsItemsInOrder() {
        assertEquals(List.of("ENHANCEDSTATUSCODES", "AUTH LOGIN"), OptionType.textList()
                .parse("SMTP_Extensions", array("ENHANCEDSTATUSCODES", "AUTH LOGIN")));
        assertEquals(List.of(), OptionType.textList().parse("Relay_For_Sending_Domains", array()));
    }

    @Test
    void aTextListRefusesEmptyItemsAndLineBreaks() {
        assertEquals("SMTP_Extensions: item 2 of ( STARTTLS \"\" ) is empty (remove it)",
                error(OptionType.textList(), "SMTP_Extensions", array("STARTTLS", "")));
        assertEquals("SMTP_Extensions: item 1 \"AUTH\\u000aLOGIN\" has a control character (write it on one line, "
                + "without tabs)", error(OptionType.textList(), "SMTP_Extensions", array("AUTH\nLOGIN")));
    }

    @Test
    void aTextListGivenOneValueShowsItAsAnArray() {
        assertEquals("SMTP_Extensions: takes an array, not a single value (write SMTP_Extensions = ( STARTTLS ))",
                error(OptionType.textList(), "SMTP_Extensions", scalar("STARTTLS")));
        assertEquals("SMTP_Extensions: takes an array, not a single value (write SMTP_Extensions = "
                + "( \"AUTH LOGIN\" ))", error(OptionType.textList(), "SMTP_Extensions", scalar("AUTH LOGIN")));
        assertEquals("SMTP_Extensions: takes an array, not a dictionary (write SMTP_Extensions = ( \"value\" "
                        + "\"another value\" ))",
                error(OptionType.textList(), "SMTP_Extensions", new ConfValue.Dictionary(Map.of("a", "b"))));
    }

    @Test
    void aCidrListReadsEachBlock() {
        List<Cidr> blocks = OptionType.cidrList().parse("Relay_Hosts",
                array("127.0.0.0/8", "10.10.10.0/24", "2001:db8::/32", "192.0.2.7", "10.1.2.3/8"));
        assertEquals(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.10.10.0/24"), Cidr.parse("2001:db8::/32"),
                Cidr.parse("192.0.2.7/32"), Cidr.parse("10.0.0.0/8")), blocks);
        assertEquals("( \"127.0.0.0/8\" \"10.0.0.0/8\" )",
                OptionType.cidrList().toConf(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.0/8"))).toString());
    }

    @Test
    void aCidrListNamesTheOptionAndTheBadBlock() {
        assertEquals("Relay_Hosts: \"10.0.0.0/33\" is not a CIDR block: prefix length 33 is out of range: an IPv4 "
                + "block takes 0 to 32", error(OptionType.cidrList(), "Relay_Hosts", array("10.0.0.0/8",
                "10.0.0.0/33")));
        assertEquals("Relay_Hosts: \"mail.example.com\" is not a CIDR block: host names are not matched, only "
                        + "addresses: write the address or block, as in 192.0.2.0/24 or 2001:db8::/32",
                error(OptionType.cidrList(), "Relay_Hosts", array("mail.example.com")));
        assertEquals("Relay_Hosts: takes an array, not a single value (write Relay_Hosts = ( \"10.0.0.0/8\" ))",
                error(OptionType.cidrList(), "Relay_Hosts", scalar("10.0.0.0/8")));
    }

    @Test
    void aDictionaryKeepsItsEntriesInOrder() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("uri", "digest:///opt/msys/ecelerity/etc/smtp_passwd");
        written.put("realm", "my choice of realm");
        Map<String, String> parsed = OptionType.dictionary("uri").parse("AuthDigestMD5Parameters",
                new ConfValue.Dictionary(written));
        assertEquals(List.of("uri", "realm"), List.copyOf(parsed.keySet()));
        assertEquals("my choice of realm", parsed.get("realm"));
    }

    @Test
    void aDictionaryNeedsItsRequiredKeysInAnyCase() {
        assertEquals(Map.of("URI", "file:///etc/passwd"), OptionType.dictionary("uri").parse("AuthLoginParameters",
                new ConfValue.Dictionary(Map.of("URI", "file:///etc/passwd"))));
        assertEquals("AuthLoginParameters: [ realm = mx ] has no uri (write AuthLoginParameters = [ uri = \"...\" ])",
                error(OptionType.dictionary("uri"), "AuthLoginParameters",
                        new ConfValue.Dictionary(Map.of("realm", "mx"))));
    }

    @Test
    void aDictionaryRefusesOtherKindsAndEmptyKeys() {
        assertEquals("Context: takes a dictionary, not a single value (write Context = [ name = \"value\" ])",
                error(OptionType.dictionary(), "Context", scalar("gold")));
        assertEquals("Context: takes a dictionary, not an array (write Context = [ name = \"value\" ])",
                error(OptionType.dictionary(), "Context", array("a")));
        assertEquals("Context: [ \"\" = x ] has an empty key (remove that entry)",
                error(OptionType.dictionary(), "Context", new ConfValue.Dictionary(Map.of("", "x"))));
    }
}
