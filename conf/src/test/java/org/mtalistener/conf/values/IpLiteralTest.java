package org.mtalistener.conf.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @Test
    void parsesDottedQuads() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpLiteral.parse("192.0.2.1").toBytes());
        assertArrayEquals(new byte[] {0, 0, 0, 0}, IpLiteral.parse("0.0.0.0").toBytes());
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255},
                IpLiteral.parse("255.255.255.255").toBytes());
        assertTrue(IpLiteral.parse("10.0.0.1").isIpv4());
        assertEquals(32, IpLiteral.parse("10.0.0.1").bitLength());
    }

    /** The spellings of one address listed in the Momentum 4 "Listeners" page (seed 000), after RFC 5952. */
    @ParameterizedTest
    @ValueSource(strings = {"2001:db8:0:0:1:0:0:1", "2001:DB8:0:0:1:0:0:1", "2001:0DB8:0:0:1:0:0:1",
            "2001:db8::1:0:0:1", "2001:db8::0:1:0:0:1", "2001:0db8::1:0:0:1", "2001:db8:0:0:1::1",
            "2001:db8:0000:0:1::1", "2001:DB8:0:0:1::1"})
    void everySpellingInTheSeedIsOneAddress(String spelling) {
        IpLiteral address = IpLiteral.parse(spelling);
        assertEquals(IpLiteral.parse("2001:db8:0:0:1:0:0:1"), address);
        assertEquals(IpLiteral.parse("2001:db8:0:0:1:0:0:1").hashCode(), address.hashCode());
        // Two runs of two zero groups: RFC 5952 §4.2.3 compresses the first.
        assertEquals("2001:db8::1:0:0:1", address.toString());
    }

    static Stream<Arguments> rfc5952Forms() {
        return Stream.of(
                Arguments.of("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
                Arguments.of("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), // one zero group stays (§4.2.2)
                Arguments.of("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"), // the longest run (§4.2.3)
                Arguments.of("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), // the first of equal runs
                Arguments.of("2001:DB8::AbCd", "2001:db8::abcd"), // lower case (§4.3)
                Arguments.of("0:0:0:0:0:0:0:0", "::"),
                Arguments.of("0:0:0:0:0:0:0:1", "::1"),
                Arguments.of("1:0:0:0:0:0:0:0", "1::"),
                Arguments.of("1:0:0:0:0:0:0:1", "1::1"),
                Arguments.of("0:1:0:1:0:1:0:1", "0:1:0:1:0:1:0:1"),
                Arguments.of("fd82:7796:815b:af9d:230:48ff:fef2:aa4a", "fd82:7796:815b:af9d:230:48ff:fef2:aa4a"),
                Arguments.of("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"), // "::" for one group is read, never written
                Arguments.of("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
                Arguments.of("::ffff:10.0.0.1", "::ffff:10.0.0.1"), // IPv4-mapped in mixed notation (§5)
                Arguments.of("0:0:0:0:0:FFFF:0A00:0001", "::ffff:10.0.0.1"),
                Arguments.of("::192.168.0.1", "::c0a8:1"), // IPv4-compatible is not mapped: hex (§5)
                Arguments.of("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"));
    }

    @ParameterizedTest
    @MethodSource("rfc5952Forms")
    void printsTheRfc5952Form(String written, String canonical) {
        assertEquals(canonical, IpLiteral.parse(written).toString());
    }

    @Test
    void ipv4CompatibleSpellingsFromTheSeedAreEqual() {
        // seed 002: "[::192.168.0.1]:25" and "[::C0A8:1]:25" are given as the same listener
        assertEquals(IpLiteral.parse("::C0A8:1"), IpLiteral.parse("::192.168.0.1"));
        assertFalse(IpLiteral.parse("::192.168.0.1").isIpv4Mapped());
    }

    @Test
    void mappedAddressesStandForIpv4() {
        IpLiteral mapped = IpLiteral.parse("::ffff:10.0.0.1");
        assertTrue(mapped.isIpv4Mapped());
        assertFalse(mapped.isIpv4());
        assertNotEquals(IpLiteral.parse("10.0.0.1"), mapped);
        assertEquals(IpLiteral.parse("10.0.0.1"), mapped.unmapped());
        IpLiteral plain = IpLiteral.parse("::fffe:10.0.0.1");
        assertFalse(plain.isIpv4Mapped());
        assertEquals(plain, plain.unmapped());
        assertFalse(IpLiteral.parse("1::ffff:10.0.0.1").isIpv4Mapped());
    }

    @Test
    void knowsLoopbackAndUnspecified() {
        assertTrue(IpLiteral.parse("127.0.0.1").isLoopback());
        assertTrue(IpLiteral.parse("127.255.0.9").isLoopback());
        assertTrue(IpLiteral.parse("::1").isLoopback());
        assertTrue(IpLiteral.parse("::ffff:127.0.0.1").isLoopback());
        assertFalse(IpLiteral.parse("128.0.0.1").isLoopback());
        assertFalse(IpLiteral.parse("::2").isLoopback());
        assertFalse(IpLiteral.parse("::").isLoopback());
        assertTrue(IpLiteral.parse("0.0.0.0").isUnspecified());
        assertTrue(IpLiteral.parse("::").isUnspecified());
        assertFalse(IpLiteral.parse("::1").isUnspecified());
    }

    @Test
    void convertsToAndFromInetAddressWithoutScope() throws Exception {
        IpLiteral address = IpLiteral.parse("fe80::1");
        assertArrayEquals(address.toBytes(), address.toInetAddress().getAddress());
        Inet6Address scoped = Inet6Address.getByAddress(null, address.toBytes(), 3);
        assertEquals(address, IpLiteral.of(scoped));
        assertEquals(IpLiteral.parse("10.1.2.3"), IpLiteral.of(InetAddress.getByAddress(new byte[] {10, 1, 2, 3})));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] bytes = {10, 0, 0, 1};
        IpLiteral address = IpLiteral.of(bytes);
        bytes[0] = 11;
        address.toBytes()[1] = 5;
        assertEquals("10.0.0.1", address.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpLiteral.of(new byte[5]));
        assertEquals("an IP address has 4 or 16 bytes, not 5", e.getMessage());
    }

    static Stream<Arguments> badLiterals() {
        String ip = " is not an IP address: ";
        return Stream.of(
                Arguments.of("", "\"\"" + ip
                        + "expected an IPv4 address (as in 192.0.2.1) or an IPv6 address (as in 2001:db8::1)"),
                Arguments.of("mail.example.com", "\"mail.example.com\"" + ip
                        + "expected an IPv4 address (as in 192.0.2.1) or an IPv6 address (as in 2001:db8::1)"),
                Arguments.of("1.2.3", "\"1.2.3\"" + ip + "\"1.2.3\" has 3 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("1.2.3.4.5", "\"1.2.3.4.5\"" + ip
                        + "\"1.2.3.4.5\" has 5 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("10", "\"10\"" + ip + "\"10\" has 1 part: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("1..3.4", "\"1..3.4\"" + ip + "\"1..3.4\" has an empty octet"),
                Arguments.of("1.2.3.4.", "\"1.2.3.4.\"" + ip
                        + "\"1.2.3.4.\" has 5 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("256.0.0.1", "\"256.0.0.1\"" + ip + "octet \"256\" is greater than 255"),
                Arguments.of("1.2.3.1000", "\"1.2.3.1000\"" + ip + "octet \"1000\" is greater than 255"),
                Arguments.of("010.0.0.1", "\"010.0.0.1\"" + ip
                        + "octet \"010\" has a leading zero, which some tools read as octal: write it without the zero"),
                Arguments.of("1.2.3.00", "\"1.2.3.00\"" + ip
                        + "octet \"00\" has a leading zero, which some tools read as octal: write it without the zero"),
                Arguments.of("\u0661.2.3.4", "\"\u0661.2.3.4\"" + ip
                        + "expected an IPv4 address (as in 192.0.2.1) or an IPv6 address (as in 2001:db8::1)"),
                Arguments.of("fe80::1%eth0", "\"fe80::1%eth0\"" + ip + "zone id \"%eth0\" is not supported: remove it"),
                Arguments.of("1::2::3", "\"1::2::3\"" + ip
                        + "\"1::2::3\" has \"::\" twice: it may stand for only one run of zero groups"),
                Arguments.of("1:::2", "\"1:::2\"" + ip + "\"1:::2\" has three colons in a row"),
                Arguments.of(":1::", "\":1::\"" + ip + "\":1::\" has a single \":\" at its start or end"),
                Arguments.of("1::2:", "\"1::2:\"" + ip + "\"1::2:\" has a single \":\" at its start or end"),
                Arguments.of("1:2:3:4:5:6:7:", "\"1:2:3:4:5:6:7:\"" + ip
                        + "\"1:2:3:4:5:6:7:\" has a single \":\" at its start or end"),
                Arguments.of("1:2:3:4:5:6:7", "\"1:2:3:4:5:6:7\"" + ip
                        + "\"1:2:3:4:5:6:7\" has 7 groups: an IPv6 address has 8, or fewer with \"::\" for a run of"
                        + " zero groups"),
                Arguments.of("1:2:3:4:5:6:7:8:9", "\"1:2:3:4:5:6:7:8:9\"" + ip
                        + "\"1:2:3:4:5:6:7:8:9\" has 9 groups: an IPv6 address has 8, or fewer with \"::\" for a run"
                        + " of zero groups"),
                Arguments.of("1:2:3:4::5:6:7:8", "\"1:2:3:4::5:6:7:8\"" + ip
                        + "\"1:2:3:4::5:6:7:8\" has 8 groups and \"::\": with \"::\" at most 7 groups may be written"),
                Arguments.of("1:2:3:4:5:6:7:1.2.3.4", "\"1:2:3:4:5:6:7:1.2.3.4\"" + ip
                        + "\"1:2:3:4:5:6:7:1.2.3.4\" has 9 groups: an IPv6 address has 8, or fewer with \"::\" for a"
                        + " run of zero groups"),
                Arguments.of("12345::", "\"12345::\"" + ip + "group \"12345\" has more than 4 hex digits"),
                Arguments.of("2001:db8::g", "\"2001:db8::g\"" + ip + "group \"g\" is not a hex number"),
                Arguments.of("1.2.3.4::", "\"1.2.3.4::\"" + ip + "the IPv4 part \"1.2.3.4\" may only end the address"),
                Arguments.of("::1.2.3.4:5", "\"::1.2.3.4:5\"" + ip
                        + "the IPv4 part \"1.2.3.4\" may only end the address"),
                Arguments.of("::ffff:10.0.0.256", "\"::ffff:10.0.0.256\"" + ip + "octet \"256\" is greater than 255"),
                Arguments.of("::ffff:010.0.0.1", "\"::ffff:010.0.0.1\"" + ip
                        + "octet \"010\" has a leading zero, which some tools read as octal: write it without the zero"),
                Arguments.of("::1.2.3", "\"::1.2.3\"" + ip + "\"1.2.3\" has 3 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("a\"b\n::", "\"a\\\"b\\u000a::\"" + ip + "group \"a\\\"b\\u000a\" is not a hex number"));
    }

    @ParameterizedTest
    @MethodSource("badLiterals")
    void refusesBadLiteralsSayingWhy(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpLiteral.parse(text));
        assertEquals(message, e.getMessage());
    }

    // ---- properties

    @Provide
    Arbitrary<byte[]> addresses() {
        return Addresses.anyAddress();
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Addresses.ipv6();
    }

    @Property
    void printedFormParsesBackToTheSameBytes(@ForAll("addresses") byte[] bytes) {
        IpLiteral address = IpLiteral.of(bytes);
        assertArrayEquals(bytes, IpLiteral.parse(address.toString()).toBytes());
    }

    @Property
    void everySpellingParsesToTheAddressItSpells(@ForAll("ipv6") byte[] bytes, @ForAll Random random) {
        String spelling = Addresses.anySpelling(bytes, random);
        assertArrayEquals(bytes, IpLiteral.parse(spelling).toBytes(), spelling);
    }

    /** The JDK's own literal parser agrees on every spelling (brackets make it refuse rather than ask DNS). */
    @Property
    void agreesWithTheJdkOnEverySpelling(@ForAll("ipv6") byte[] bytes, @ForAll Random random) throws Exception {
        String spelling = Addresses.anySpelling(bytes, random);
        InetAddress jdk = InetAddress.getByName("[" + spelling + "]");
        // The JDK folds IPv4-mapped addresses into Inet4Address; compare what both mean.
        assertEquals(IpLiteral.of(jdk).unmapped(), IpLiteral.parse(spelling).unmapped(), spelling);
    }

    @Property
    void printsIpv6AsRfc5952Says(@ForAll("ipv6") byte[] bytes) {
        IpLiteral address = IpLiteral.of(bytes);
        String text = address.toString();
        if (address.isIpv4Mapped()) {
            assertEquals("::ffff:" + address.unmapped(), text);
        } else {
            assertRfc5952(text);
        }
    }

    @Property
    void ipv4PrintsAsPlainDottedDecimal(@ForAll("addresses") byte[] bytes) {
        if (bytes.length == 4) {
            String expected = (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "."
                    + (bytes[3] & 0xff);
            assertEquals(expected, IpLiteral.of(bytes).toString());
        }
    }

    @Provide
    Arbitrary<String> addressLikeText() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%gx /").ofMaxLength(45);
    }

    /** Whatever the input, the parser accepts an address or throws the documented exception, nothing else. */
    @Property
    void acceptsOnlyWhatTheJdkAcceptsAndRefusesWithTheValueNamed(@ForAll("addressLikeText") String text)
            throws Exception {
        IpLiteral address;
        try {
            address = IpLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith(ConfString.quote(text) + " is not an IP address: "), e.getMessage());
            return;
        }
        assertEquals(address, IpLiteral.parse(address.toString()));
        if (text.indexOf(':') >= 0) {
            assertEquals(IpLiteral.of(InetAddress.getByName("[" + text + "]")).unmapped(), address.unmapped(), text);
        } else {
            byte[] expected = new byte[4];
            String[] octets = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                expected[i] = (byte) Integer.parseInt(octets[i]);
            }
            assertArrayEquals(expected, address.toBytes(), text);
        }
    }

    /**
     * Checks RFC 5952 §4 on the printed text alone: lower-case hex without leading zeros, "::" only for the longest
     * run of two or more zero groups (the first of equal runs), and never a run of two zero groups left standing.
     */
    private static void assertRfc5952(String text) {
        assertTrue(text.matches("[0-9a-f:]+"), text);
        int gap = text.indexOf("::");
        List<String> left = side(gap < 0 ? text : text.substring(0, gap));
        List<String> right = gap < 0 ? List.of() : side(text.substring(gap + 2));
        for (String group : concat(left, right)) {
            assertTrue(group.length() <= 4 && (group.length() == 1 || group.charAt(0) != '0'), text);
        }
        if (gap < 0) {
            assertEquals(8, left.size(), text);
            assertTrue(longestZeroRun(left) < 2, text);
            return;
        }
        assertEquals(-1, text.indexOf("::", gap + 1), text);
        int compressed = 8 - left.size() - right.size();
        assertTrue(compressed >= 2, text);
        assertTrue(longestZeroRun(left) < compressed, text);
        assertTrue(longestZeroRun(right) <= compressed, text);
        if (!left.isEmpty()) {
            assertNotEquals("0", left.get(left.size() - 1), text);
        }
        if (!right.isEmpty()) {
            assertNotEquals("0", right.get(0), text);
        }
    }

    private static List<String> side(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(":", -1));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int longestZeroRun(List<String> groups) {
        int longest = 0;
        int run = 0;
        for (String group : groups) {
            run = group.equals("0") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void rfc5952CheckerCatchesWrongForms() {
        // The property above is only as good as its checker: make sure it fails on the classic mistakes.
        for (String wrong : List.of("2001:db8:0:0:1::1", "2001:db8::1:0:0:1:0", "2001:DB8::1", "2001:0db8::1",
                "2001:db8::1:0:0:0:1", "1:0:0:0:0:0:0:1", "1::0:1", "2001:db8:0::1:0:0:1")) {
            try {
                assertRfc5952(wrong);
            } catch (AssertionError expected) {
                continue;
            }
            fail("the RFC 5952 checker accepted " + wrong);
        }
        assertRfc5952("2001:db8::1:0:0:1");
    }
}
