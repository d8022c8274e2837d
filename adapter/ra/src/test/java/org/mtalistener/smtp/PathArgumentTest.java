package org.mtalistener.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathArgumentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FROM:<alice@example.org>                 | alice@example.org",
            "from:<alice@example.org>                 | alice@example.org",
            "FROM: <alice@example.org>                | alice@example.org",
            "FROM:<first.last+tag@mail.example.org>   | first.last+tag@mail.example.org",
            "FROM:<\"john doe\"@example.org>          | \"john doe\"@example.org",
            "FROM:<\"a>b\\\"c\"@example.org>          | \"a>b\\\"c\"@example.org",
            "FROM:<@relay.example,@hop.example:a@b.c> | a@b.c",
            "FROM:<a@[192.0.2.1]>                     | a@[192.0.2.1]",
            "FROM:<a@[IPv6:2001:db8::1]>              | a@[IPv6:2001:db8::1]",
            "FROM:<a@x-1.example>                     | a@x-1.example",
    })
    void wellFormedPaths(String argument, String mailbox) {
        PathArgument parsed = PathArgument.parse(argument.strip(), "FROM");
        assertEquals(mailbox.strip(), parsed.mailbox());
        assertEquals(Map.of(), parsed.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "FROM:alice@example.org", "FROM:<alice@example.org", "FROM :<a@b.c>", "TO:<a@b.c>", "FROM<a@b.c>",
            "FROM:< a@b.c>", "FROM:<a@b.c >", "FROM:<a b@c.d>", "FROM:<a@b c.d>", "FROM:<@a.b>", "FROM:<a@>",
            "FROM:<a..b@c.d>", "FROM:<.a@c.d>", "FROM:<a@-b.c>", "FROM:<a@b-.c>", "FROM:<a@b..c>", "FROM:<a@b_c.d>",
            "FROM:<a@b.c>x", "FROM:<a@b.c> =x", "FROM:<a@b.c> SIZE=", "FROM:<a@b.c> SIZE=1 SIZE=2",
            "FROM:<@relay:a@b.c", "FROM:<relay.example:a@b.c>", "FROM:<@relay.example,hop:a@b.c>",
            "FROM:<\"unterminated@b.c>", "FROM:<\u00e9@b.c>", "FROM:<a@b\u00e9.c>", "FROM:<a\t@b.c>",
    })
    void malformedPaths(String argument) {
        assertNull(PathArgument.parse(argument, "FROM"));
    }

    @Test
    void parametersHaveUpperCaseKeysInTheirOrder() {
        PathArgument parsed = PathArgument.parse("FROM:<a@b.c>  body=8BITMIME Size=10 X-FLAG", "FROM");
        assertEquals(List.of("BODY", "SIZE", "X-FLAG"), List.copyOf(parsed.parameters().keySet()));
        assertEquals(Map.of("BODY", "8BITMIME", "SIZE", "10", "X-FLAG", ""), parsed.parameters());
    }

    @Test
    void nullPathAndPostmasterAreLeftToTheCaller() {
        assertTrue(PathArgument.parse("FROM:<>", "FROM").isNullPath());
        assertTrue(PathArgument.parse("TO:<PostMaster>", "TO").isPostmaster());
        assertTrue(PathArgument.parse("TO:<PostMaster>", "TO").isUnqualified());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TO:<alice>              | alice@example.com",
            "TO:<first.last+tag>     | first.last+tag@example.com",
            "TO:<\"john doe\">       | \"john doe\"@example.com",
            "TO:<\"a@b\">            | \"a@b\"@example.com",
    })
    void aLocalPartAloneIsUnqualifiedAndTakesADomain(String argument, String qualified) {
        PathArgument parsed = PathArgument.parse(argument.strip() + " NOTIFY=NEVER", "TO");
        assertTrue(parsed.isUnqualified(), argument);
        PathArgument withDomain = parsed.qualifiedWith("example.com");
        assertEquals(qualified.strip(), withDomain.mailbox());
        assertFalse(withDomain.isUnqualified());
        assertEquals(Map.of("NOTIFY", "NEVER"), withDomain.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TO:<alice.>", "TO:<.alice>", "TO:<@hop.example:alice>", "TO:<al ice>", "TO:<\"\">",
            "TO:<alice@>", "TO:<\u00e9>"})
    void aMalformedLocalPartIsNoUnqualifiedAddress(String argument) {
        assertNull(PathArgument.parse(argument, "TO"));
    }

    @Test
    void anAddressWithADomainIsQualified() {
        assertFalse(PathArgument.parse("TO:<a@example.com>", "TO").isUnqualified());
        assertFalse(PathArgument.parse("TO:<\"a b\"@example.com>", "TO").isUnqualified());
        assertFalse(PathArgument.parse("FROM:<>", "FROM").isUnqualified());
    }
}
