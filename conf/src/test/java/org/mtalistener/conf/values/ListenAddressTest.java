package org.mtalistener.conf.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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

import org.mtalistener.conf.values.ListenAddress.Kind;

class ListenAddressTest {

    /** Every listen address spelled in the seeds and the reference notes, and the forms the brief names. */
    static Stream<Arguments> seedAddresses() {
        return Stream.of(
                // written, kind, printed, socket address (or Unix path), loopback
                Arguments.of("*:25", Kind.ANY_IPV4, "*:25", "0.0.0.0:25", false), // seeds 000, 001, 004
                Arguments.of(":25", Kind.ANY_IPV4, "*:25", "0.0.0.0:25", false), // seeds 000, 002
                Arguments.of("*:587", Kind.ANY_IPV4, "*:587", "0.0.0.0:587", false),
                Arguments.of(":587", Kind.ANY_IPV4, "*:587", "0.0.0.0:587", false),
                Arguments.of("*:2025", Kind.ANY_IPV4, "*:2025", "0.0.0.0:2025", false), // seed 004, Control_Listener
                Arguments.of("*:1825", Kind.ANY_IPV4, "*:1825", "0.0.0.0:1825", false), // seed 004, ECStream_Listener
                Arguments.of("0.0.0.0:25", Kind.ANY_IPV4, "*:25", "0.0.0.0:25", false),
                Arguments.of("127.0.0.1:25", Kind.ADDRESS, "127.0.0.1:25", "127.0.0.1:25", true), // seeds 000, 004
                Arguments.of("127.0.0.1:2025", Kind.ADDRESS, "127.0.0.1:2025", "127.0.0.1:2025", true),
                Arguments.of("192.0.2.7:465", Kind.ADDRESS, "192.0.2.7:465", "192.0.2.7:465", false),
                Arguments.of("[*]:25", Kind.ANY_IPV6, "[::]:25", "[::]:25", false), // seeds 000, 002
                Arguments.of("[::]:25", Kind.ANY_IPV6, "[::]:25", "[::]:25", false), // seed 000
                Arguments.of("[0:0:0:0:0:0:0:0]:25", Kind.ANY_IPV6, "[::]:25", "[::]:25", false), // seed 000
                Arguments.of("[::1]:25", Kind.ADDRESS, "[::1]:25", "[::1]:25", true), // seeds 002, 004
                Arguments.of("[fd82:7796:815b:af9d:230:48ff:fef2:aa4a]:587", Kind.ADDRESS, // seed 000
                        "[fd82:7796:815b:af9d:230:48ff:fef2:aa4a]:587", "[fd82:7796:815b:af9d:230:48ff:fef2:aa4a]:587",
                        false),
                Arguments.of("[::192.168.0.1]:25", Kind.ADDRESS, "[::c0a8:1]:25", "[::c0a8:1]:25", false), // seed 002
                Arguments.of("[::C0A8:1]:25", Kind.ADDRESS, "[::c0a8:1]:25", "[::c0a8:1]:25", false), // seed 002
                Arguments.of("[2001:DB8:0:0:0:0:0:1]:25", Kind.ADDRESS, "[2001:db8::1]:25", "[2001:db8::1]:25", false),
                Arguments.of("[2001:db8::1]:25", Kind.ADDRESS, "[2001:db8::1]:25", "[2001:db8::1]:25", false),
                // an IPv4-mapped address binds the IPv4 socket it stands for
                Arguments.of("[::ffff:10.0.0.1]:25", Kind.ADDRESS, "10.0.0.1:25", "10.0.0.1:25", false),
                Arguments.of("[::ffff:127.0.0.1]:25", Kind.ADDRESS, "127.0.0.1:25", "127.0.0.1:25", true),
                Arguments.of("[::ffff:0.0.0.0]:25", Kind.ANY_IPV4, "*:25", "0.0.0.0:25", false),
                // ports: the edges, and leading zeros (decimal everywhere, so harmless)
                Arguments.of("*:1", Kind.ANY_IPV4, "*:1", "0.0.0.0:1", false),
                Arguments.of("*:65535", Kind.ANY_IPV4, "*:65535", "0.0.0.0:65535", false),
                Arguments.of("*:0025", Kind.ANY_IPV4, "*:25", "0.0.0.0:25", false),
                // Unix sockets: seeds 000, 001 and 004
                Arguments.of("/tmp/2025", Kind.UNIX, "/tmp/2025", "/tmp/2025", true),
                Arguments.of("/var/run/ecelerity/control.sock", Kind.UNIX, "/var/run/ecelerity/control.sock",
                        "/var/run/ecelerity/control.sock", true));
    }

    @ParameterizedTest
    @MethodSource("seedAddresses")
    void parsesEveryForm(String written, Kind kind, String printed, String socket, boolean loopback) {
        ListenAddress address = ListenAddress.parse(written);
        assertEquals(kind, address.kind());
        assertEquals(printed, address.toString());
        assertEquals(address, ListenAddress.parse(printed));
        assertEquals(address.hashCode(), ListenAddress.parse(printed).hashCode());
        assertEquals(loopback, address.isLoopback());
        if (kind == Kind.UNIX) {
            assertEquals(Path.of(socket), address.unixPath());
        } else {
            InetSocketAddress bind = address.toSocketAddress();
            assertFalse(bind.isUnresolved());
            String host = bind.getAddress() instanceof Inet6Address
                    ? "[" + IpLiteral.of(bind.getAddress()) + "]"
                    : bind.getAddress().getHostAddress();
            assertEquals(socket, host + ":" + bind.getPort());
            assertEquals(bind.getPort(), address.port());
        }
    }

    @Test
    void wildcardsBindTheirFamily() {
        InetSocketAddress v4 = ListenAddress.parse("*:25").toSocketAddress();
        assertTrue(v4.getAddress() instanceof Inet4Address);
        assertTrue(v4.getAddress().isAnyLocalAddress());
        InetSocketAddress v6 = ListenAddress.parse("[*]:25").toSocketAddress();
        assertTrue(v6.getAddress() instanceof Inet6Address);
        assertTrue(v6.getAddress().isAnyLocalAddress());
    }

    @Test
    void spellingsOfOneSocketAreEqualAndOthersAreNot() {
        assertEquals(ListenAddress.parse("*:25"), ListenAddress.parse(":25"));
        assertEquals(ListenAddress.parse("*:25"), ListenAddress.parse("0.0.0.0:25"));
        assertEquals(ListenAddress.parse("[*]:25"), ListenAddress.parse("[::]:25"));
        assertEquals(ListenAddress.parse("[2001:DB8:0:0:0:0:0:1]:25"), ListenAddress.parse("[2001:db8::1]:25"));
        assertNotEquals(ListenAddress.parse("*:25"), ListenAddress.parse("[*]:25"));
        assertNotEquals(ListenAddress.parse("*:25"), ListenAddress.parse("*:26"));
        assertNotEquals(ListenAddress.parse("127.0.0.1:25"), ListenAddress.parse("[::1]:25"));
        assertNotEquals(ListenAddress.parse("[::1]:25"), ListenAddress.parse("[::2]:25"));
        assertNotEquals(ListenAddress.parse("/tmp/2025"), ListenAddress.parse("/tmp/2026"));
    }

    @Test
    void tcpAndUnixAccessorsRefuseTheOtherKind() {
        ListenAddress unix = ListenAddress.parse("/tmp/2025");
        IllegalStateException e = assertThrows(IllegalStateException.class, unix::port);
        assertEquals("/tmp/2025 is a Unix socket: port() is only for TCP addresses", e.getMessage());
        e = assertThrows(IllegalStateException.class, unix::toSocketAddress);
        assertEquals("/tmp/2025 is a Unix socket: toSocketAddress() is only for TCP addresses", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ListenAddress.parse("*:25").unixPath());
        assertEquals("*:25 is a TCP address and has no Unix socket path", e.getMessage());
    }

    @Test
    void unixPathsUpToTheSocketLimit() {
        String longest = "/" + "a".repeat(ListenAddress.MAX_UNIX_PATH_BYTES - 1);
        assertEquals(Kind.UNIX, ListenAddress.parse(longest).kind());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse(longest + "b"));
        assertEquals("\"" + longest + "b\" is not a listen address: a Unix socket path may have at most 107 bytes,"
                + " this one has 108: use a shorter path", e.getMessage());
        // bytes, not characters: sun_path holds the encoded name
        String wide = "/" + "\u00e9".repeat(54);
        e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(wide));
        assertTrue(e.getMessage().endsWith("this one has 109: use a shorter path"), e.getMessage());
    }

    static Stream<Arguments> badAddresses() {
        String listen = " is not a listen address: ";
        String expected = "expected IPV4:PORT, [IPV6]:PORT, *:PORT, [*]:PORT or a Unix socket path starting with /";
        return Stream.of(
                Arguments.of("127.0.0.1", "\"127.0.0.1\"" + listen + expected),
                Arguments.of("", "\"\"" + listen + expected),
                Arguments.of("*", "\"*\"" + listen + expected),
                Arguments.of("25", "\"25\"" + listen + expected),
                Arguments.of("localhost:25", "\"localhost:25\"" + listen
                        + "host names are not accepted, as a listener binds a local address: write 127.0.0.1:25 or"
                        + " [::1]:25"),
                Arguments.of("mail.example.com:25", "\"mail.example.com:25\"" + listen
                        + "host names are not accepted, as a listener binds a local address: write its IP address, as"
                        + " in 192.0.2.1:25, or *:25 for every IPv4 address"),
                Arguments.of("mail.example.com:smtp", "\"mail.example.com:smtp\"" + listen
                        + "host names are not accepted, as a listener binds a local address: write its IP address, as"
                        + " in 192.0.2.1:PORT, or *:PORT for every IPv4 address"),
                Arguments.of("[localhost]:25", "\"[localhost]:25\"" + listen
                        + "host names are not accepted, as a listener binds a local address: write its IP address"),
                Arguments.of("::1", "\"::1\"" + listen
                        + "an IPv6 address must be in brackets, followed by the port, as in [::1]:25"),
                Arguments.of("2001:db8::1:25", "\"2001:db8::1:25\"" + listen
                        + "an IPv6 address must be in brackets, followed by the port, as in [::1]:25"),
                Arguments.of("[::1]", "\"[::1]\"" + listen + "the port is missing: write [::1]:PORT"),
                Arguments.of("[::1]25", "\"[::1]25\"" + listen + "expected \":PORT\" after \"]\", not \"25\""),
                Arguments.of("[::1:25", "\"[::1:25\"" + listen
                        + "the \"]\" after the IPv6 address is missing: write [IPV6]:PORT"),
                Arguments.of("[]:25", "\"[]:25\"" + listen
                        + "the brackets are empty: write [IPV6]:PORT, or [*]:PORT for every IPv6 address"),
                Arguments.of("[10.0.0.1]:25", "\"[10.0.0.1]:25\"" + listen
                        + "brackets are only for IPv6 addresses: write 10.0.0.1:25"),
                Arguments.of("[::1%lo]:25", "\"[::1%lo]:25\"" + listen + "zone id \"%lo\" is not supported: remove it"),
                Arguments.of("[1::2::3]:25", "\"[1::2::3]:25\"" + listen
                        + "\"1::2::3\" has \"::\" twice: it may stand for only one run of zero groups"),
                Arguments.of("[2001:db8::g]:25", "\"[2001:db8::g]:25\"" + listen + "group \"g\" is not a hex number"),
                Arguments.of("[1.2.3.4::]:25", "\"[1.2.3.4::]:25\"" + listen
                        + "the IPv4 part \"1.2.3.4\" may only end the address"),
                Arguments.of("010.0.0.1:25", "\"010.0.0.1:25\"" + listen
                        + "octet \"010\" has a leading zero, which some tools read as octal: write it without the zero"),
                Arguments.of("256.0.0.1:25", "\"256.0.0.1:25\"" + listen + "octet \"256\" is greater than 255"),
                Arguments.of("10.0.0:25", "\"10.0.0:25\"" + listen
                        + "\"10.0.0\" has 3 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("*:", "\"*:\"" + listen + "the port after \":\" is missing: write a port from 1 to 65535"),
                Arguments.of("*:0", "\"*:0\"" + listen + "port 0 is out of range: use 1 to 65535"),
                Arguments.of("*:65536", "\"*:65536\"" + listen + "port 65536 is out of range: use 1 to 65535"),
                Arguments.of("*:99999999999", "\"*:99999999999\"" + listen
                        + "port 99999999999 is out of range: use 1 to 65535"),
                Arguments.of("*:smtp", "\"*:smtp\"" + listen + "port \"smtp\" is not a number from 1 to 65535"),
                Arguments.of("*:-25", "\"*:-25\"" + listen + "port \"-25\" is not a number from 1 to 65535"),
                Arguments.of("*:\u0662\u0665", "\"*:\u0662\u0665\"" + listen
                        + "port \"\u0662\u0665\" is not a number from 1 to 65535"),
                Arguments.of("*:587,200~20", "\"*:587,200~20\"" + listen
                        + "port \"587,200~20\" is not a number: a 2.x \",backlog~concurrency\" suffix is not part of"
                        + " the address (in a Listen scope, set Listen_Backlog and Concurrency)"),
                Arguments.of(" *:25", "\" *:25\"" + listen + "remove the whitespace around it"),
                Arguments.of("*:25\n", "\"*:25\\u000a\"" + listen + "remove the whitespace around it"),
                Arguments.of("\\ecconsole", "\"\\\\ecconsole\"" + listen
                        + "Windows named pipes are not supported: use a Unix socket path or ADDRESS:PORT"),
                Arguments.of("/tmp/", "\"/tmp/\"" + listen
                        + "a Unix socket path names a file, not a directory: remove the trailing /"),
                Arguments.of("/tmp/a\u0000b", "\"/tmp/a\\u0000b\"" + listen
                        + "a Unix socket path cannot contain a NUL character"));
    }

    @ParameterizedTest
    @MethodSource("badAddresses")
    void refusesBadAddressesSayingWhy(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
        assertEquals(message, e.getMessage());
    }

    // ---- properties

    @Provide
    Arbitrary<byte[]> addresses() {
        return Addresses.anyAddress();
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Addresses.ports();
    }

    /**
     * For a random address and port, any accepted spelling parses to the socket it names, and the printed form
     * parses back to an equal value that prints the same.
     */
    @Property
    void anySpellingNamesItsSocketAndPrintsCanonically(@ForAll("addresses") byte[] bytes, @ForAll("ports") int port,
            @ForAll Random random) throws Exception {
        String written = spell(bytes, port, random);
        ListenAddress address = ListenAddress.parse(written);

        byte[] bound = IpLiteral.of(bytes).unmapped().toBytes();
        boolean wildcard = IpLiteral.of(bound).isUnspecified();
        Kind kind = wildcard ? (bound.length == 4 ? Kind.ANY_IPV4 : Kind.ANY_IPV6) : Kind.ADDRESS;
        assertEquals(kind, address.kind(), written);
        assertEquals(port, address.port(), written);
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(bound), port), address.toSocketAddress(), written);
        assertEquals(IpLiteral.of(bound).isLoopback(), address.isLoopback(), written);

        ListenAddress reparsed = ListenAddress.parse(address.toString());
        assertEquals(address, reparsed, written);
        assertEquals(address.toString(), reparsed.toString(), written);
    }

    @Provide
    Arbitrary<String> unixPaths() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789._-").ofMinLength(1).ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(6).map(segments -> "/" + String.join("/", segments));
    }

    @Property
    void unixPathsAreKeptAsWritten(@ForAll("unixPaths") String path) {
        ListenAddress address = ListenAddress.parse(path);
        assertEquals(Kind.UNIX, address.kind());
        assertEquals(Path.of(path), address.unixPath());
        assertEquals(path, address.toString());
        assertEquals(address, ListenAddress.parse(address.toString()));
        assertTrue(address.isLoopback());
    }

    @Provide
    Arbitrary<String> listenLikeText() {
        return Arbitraries.strings().withChars("0123456789abcdef:.[]*/%,~ x").ofMaxLength(30);
    }

    /** Whatever the input, the parser accepts a value that round-trips or throws the documented exception. */
    @Property
    void acceptsOrRefusesNamingTheValue(@ForAll("listenLikeText") String text) {
        ListenAddress address;
        try {
            address = ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith(ConfString.quote(text) + " is not a listen address: "),
                    e.getMessage());
            return;
        }
        assertEquals(address, ListenAddress.parse(address.toString()));
    }

    /** One of the spellings the parser must accept for this address and port. */
    private static String spell(byte[] bytes, int port, Random random) {
        IpLiteral literal = IpLiteral.of(bytes);
        String portText = random.nextInt(10) == 0 ? "0" + port : Integer.toString(port);
        if (literal.isIpv4()) {
            if (literal.isUnspecified()) {
                return new String[] {"*", "", "0.0.0.0"}[random.nextInt(3)] + ":" + portText;
            }
            return random.nextBoolean() ? literal + ":" + portText : "[::ffff:" + literal + "]:" + portText;
        }
        if (literal.isUnspecified() && random.nextBoolean()) {
            return "[*]:" + portText;
        }
        return "[" + Addresses.anySpelling(bytes, random) + "]:" + portText;
    }
}
