package org.mtalistener.conf.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CidrTest {

    static Stream<Arguments> blocks() {
        return Stream.of(
                // seed 000 (Peer scopes) and the 2.x ACLs of seed 004
                Arguments.of("10.0.0.0/16", "10.0.0.0/16", 16),
                Arguments.of("10.0.0.1", "10.0.0.1/32", 32),
                Arguments.of("0.0.0.0/0", "0.0.0.0/0", 0),
                Arguments.of("10.1.2.3/32", "10.1.2.3/32", 32),
                Arguments.of("10.0.0.0/8", "10.0.0.0/8", 8),
                Arguments.of("192.168.0.0/16", "192.168.0.0/16", 16),
                Arguments.of("1.2.3.4/32", "1.2.3.4/32", 32),
                Arguments.of("127.0.0.0/8", "127.0.0.0/8", 8), // Relay_Hosts example
                Arguments.of("10.10.10.0/24", "10.10.10.0/24", 24),
                Arguments.of("::1/0", "::/0", 0), // seed 004, commented out there: host bits masked
                // IPv6 without brackets, and tolerated with them
                Arguments.of("2001:db8::/32", "2001:db8::/32", 32),
                Arguments.of("2001:DB8:0:0::/32", "2001:db8::/32", 32),
                Arguments.of("::1", "::1/128", 128),
                Arguments.of("[2001:db8::]/32", "2001:db8::/32", 32),
                Arguments.of("[::1]", "::1/128", 128),
                // host bits set: masked off, as Momentum does
                Arguments.of("10.1.2.3/8", "10.0.0.0/8", 8),
                Arguments.of("10.0.0.255/25", "10.0.0.128/25", 25),
                Arguments.of("2001:db8:ffff::1/33", "2001:db8:8000::/33", 33),
                // written in the IPv4-mapped range: the IPv4 block it stands for
                Arguments.of("::ffff:10.0.0.0/104", "10.0.0.0/8", 8),
                Arguments.of("::ffff:10.0.0.1", "10.0.0.1/32", 32),
                Arguments.of("::ffff:0:0/96", "0.0.0.0/0", 0),
                Arguments.of("::ffff:0:0/95", "::fffe:0:0/95", 95),
                // leading zeros in the prefix are harmless (no octal reading anywhere)
                Arguments.of("10.0.0.0/08", "10.0.0.0/8", 8));
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void parsesBlocksAndPrintsThemCanonically(String written, String canonical, int prefixLength) {
        Cidr block = Cidr.parse(written);
        assertEquals(canonical, block.toString());
        assertEquals(prefixLength, block.prefixLength());
        assertEquals(block, Cidr.parse(canonical));
    }

    @Test
    void equalityIsNetworkAndPrefix() {
        assertEquals(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.0.99.1/16"));
        assertEquals(Cidr.parse("10.0.0.0/16").hashCode(), Cidr.parse("10.0.99.1/16").hashCode());
        assertNotEquals(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.0.0.0/17"));
        assertNotEquals(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.1.0.0/16"));
        assertNotEquals(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"));
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("::ffff:10.0.0.0/104"));
    }

    @Test
    void seedExample() throws Exception {
        // seed 000: "10.0.0.0/16 applies to all IP addresses defined by this block"
        Cidr block = Cidr.parse("10.0.0.0/16");
        assertTrue(block.contains(address("10.0.0.1")));
        assertTrue(block.contains(address("10.0.255.255")));
        assertFalse(block.contains(address("10.1.0.0")));
        assertFalse(block.contains(address("9.255.255.255")));
        assertTrue(block.isIpv4());
        assertEquals(IpLiteral.parse("10.0.0.0"), block.network());
    }

    @Test
    void ipv4MappedPeersMatchIpv4Blocks() throws Exception {
        // A dual-stack socket may report an IPv4 peer as ::ffff:a.b.c.d; the JDK usually folds it into
        // Inet4Address, but an Inet6Address with those bytes must match the same way.
        byte[] mapped = IpLiteral.parse("::ffff:10.0.0.1").toBytes();
        InetAddress peer = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(peer instanceof Inet6Address);
        assertTrue(Cidr.parse("10.0.0.0/16").contains(peer));
        assertTrue(Cidr.parse("10.0.0.1").contains(peer));
        assertFalse(Cidr.parse("10.0.0.2").contains(peer));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(peer));
        // IPv6 blocks do not take IPv4 peers, even the whole IPv6 space
        assertFalse(Cidr.parse("::/0").contains(peer));
        assertFalse(Cidr.parse("::ffff:0:0/95").contains(peer));
        assertFalse(Cidr.parse("::/0").contains(address("10.0.0.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(address("::1")));
        // and a block written in mapped form matches plain IPv4 peers
        assertTrue(Cidr.parse("::ffff:10.0.0.0/112").contains(address("10.0.3.4")));
    }

    @Test
    void ipv6Blocks() throws Exception {
        Cidr block = Cidr.parse("2001:db8::/32");
        assertTrue(block.contains(address("2001:db8::1")));
        assertTrue(block.contains(address("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(block.contains(address("2001:db9::")));
        assertTrue(Cidr.parse("::/0").contains(address("fe80::1")));
        assertTrue(Cidr.parse("::1").contains(address("::1")));
        assertFalse(Cidr.parse("::1").contains(address("::2")));
    }

    @Test
    void ofMasksHostBits() {
        assertEquals("10.0.0.0/8", Cidr.of(IpLiteral.parse("10.9.9.9"), 8).toString());
        assertEquals(IpLiteral.parse("10.0.0.0"), Cidr.of(IpLiteral.parse("10.9.9.9"), 8).network());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cidr.of(IpLiteral.parse("10.0.0.0"), 33));
        assertEquals("prefix length 33 is out of range for 10.0.0.0: use 0 to 32", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.of(IpLiteral.parse("::"), -1));
    }

    static Stream<Arguments> badBlocks() {
        String cidr = " is not a CIDR block: ";
        return Stream.of(
                Arguments.of("", "\"\"" + cidr
                        + "expected an address or ADDRESS/PREFIX, as in 192.0.2.0/24 or 2001:db8::/32"),
                Arguments.of(" 10.0.0.0/8", "\" 10.0.0.0/8\"" + cidr + "remove the whitespace around it"),
                Arguments.of("10.0.0.0/33", "\"10.0.0.0/33\"" + cidr
                        + "prefix length 33 is out of range: an IPv4 block takes 0 to 32"),
                Arguments.of("::/129", "\"::/129\"" + cidr
                        + "prefix length 129 is out of range: an IPv6 block takes 0 to 128"),
                Arguments.of("10.0.0.0/99999999999", "\"10.0.0.0/99999999999\"" + cidr
                        + "prefix length 99999999999 is out of range: an IPv4 block takes 0 to 32"),
                Arguments.of("10.0.0.0/", "\"10.0.0.0/\"" + cidr
                        + "the prefix length after \"/\" is missing: write 0 to 32"),
                Arguments.of("10.0.0.0/x", "\"10.0.0.0/x\"" + cidr + "prefix length \"x\" is not a number from 0 to 32"),
                Arguments.of("10.0.0.0/-1", "\"10.0.0.0/-1\"" + cidr
                        + "prefix length \"-1\" is not a number from 0 to 32"),
                Arguments.of("10.0.0.0/8/8", "\"10.0.0.0/8/8\"" + cidr
                        + "prefix length \"8/8\" is not a number from 0 to 32"),
                Arguments.of("/8", "\"/8\"" + cidr + "the address before \"/\" is missing, as in 192.0.2.0/24"),
                Arguments.of("example.com", "\"example.com\"" + cidr
                        + "host names are not matched, only addresses: write the address or block, as in 192.0.2.0/24"
                        + " or 2001:db8::/32"),
                Arguments.of("localhost/8", "\"localhost/8\"" + cidr
                        + "host names are not matched, only addresses: write the address or block, as in 192.0.2.0/24"
                        + " or 2001:db8::/32"),
                Arguments.of("[10.0.0.1]/8", "\"[10.0.0.1]/8\"" + cidr + "brackets are only for IPv6 addresses: remove them"),
                Arguments.of("10.0.0/8", "\"10.0.0/8\"" + cidr
                        + "\"10.0.0\" has 3 parts: an IPv4 address has 4, as in 192.0.2.1"),
                Arguments.of("010.0.0.0/8", "\"010.0.0.0/8\"" + cidr
                        + "octet \"010\" has a leading zero, which some tools read as octal: write it without the zero"),
                Arguments.of("2001:db8::g/32", "\"2001:db8::g/32\"" + cidr + "group \"g\" is not a hex number"),
                Arguments.of("fe80::%eth0/64", "\"fe80::%eth0/64\"" + cidr + "zone id \"%eth0\" is not supported: remove it"),
                Arguments.of("10.0.0.0 /8", "\"10.0.0.0 /8\"" + cidr
                        + "expected an IPv4 address (as in 192.0.2.1) or an IPv6 address (as in 2001:db8::1)"));
    }

    @ParameterizedTest
    @MethodSource("badBlocks")
    void refusesBadBlocksSayingWhy(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(message, e.getMessage());
    }

    // ---- properties

    @Provide
    Arbitrary<byte[]> addresses() {
        return Addresses.anyAddress();
    }

    @Property
    void containsAgreesWithBigIntegerReference(@ForAll("addresses") byte[] network,
            @ForAll @IntRange(min = 0, max = 128) int anyPrefix, @ForAll Random random) {
        IpLiteral literal = IpLiteral.of(network);
        int prefix = anyPrefix % (network.length * 8 + 1);
        Cidr block = Cidr.of(literal, prefix);
        byte[] candidate = Addresses.near(network, random);

        // The reference knows nothing of IPv4-mapped addresses: give it both sides in their IPv4 meaning.
        byte[] refNetwork = network;
        int refPrefix = prefix;
        if (literal.isIpv4Mapped() && prefix >= 96) {
            refNetwork = literal.unmapped().toBytes();
            refPrefix = prefix - 96;
        }
        byte[] refCandidate = IpLiteral.of(candidate).unmapped().toBytes();
        boolean expected = Addresses.referenceContains(refNetwork, refPrefix, refCandidate);

        assertEquals(expected, block.contains(IpLiteral.of(candidate)), block + " contains " + IpLiteral.of(candidate));
    }

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Addresses.ipv4();
    }

    @Property
    void anIpv4BlockTreatsMappedAndPlainPeersAlike(@ForAll("ipv4") byte[] network,
            @ForAll @IntRange(min = 0, max = 32) int prefix, @ForAll Random random) throws Exception {
        Cidr block = Cidr.of(IpLiteral.of(network), prefix);
        byte[] peer = Addresses.near(network, random);
        InetAddress plain = InetAddress.getByAddress(peer);
        InetAddress mapped = Inet6Address.getByAddress(null, Addresses.mapped(peer), -1);
        boolean expected = Addresses.referenceContains(network, prefix, peer);
        assertEquals(expected, block.contains(plain));
        assertEquals(expected, block.contains(mapped));
    }

    @Property
    void theNetworkIsInItsBlockAndHasNoHostBits(@ForAll("addresses") byte[] address,
            @ForAll @IntRange(min = 0, max = 128) int anyPrefix) {
        int prefix = anyPrefix % (address.length * 8 + 1);
        IpLiteral literal = IpLiteral.of(address);
        Cidr block = Cidr.of(literal, prefix);
        // A mapped address is a peer's IPv4 address, which an IPv6 block (shorter than /96) never contains.
        assertEquals(!(literal.isIpv4Mapped() && prefix < 96), block.contains(literal), block + " contains " + literal);
        assertTrue(block.contains(block.network()));
        assertEquals(block, Cidr.of(block.network(), block.prefixLength()));
        assertFalse(block.network().isIpv4Mapped());
    }

    @Property
    void printedFormParsesBackEqual(@ForAll("addresses") byte[] address,
            @ForAll @IntRange(min = 0, max = 128) int anyPrefix) {
        Cidr block = Cidr.of(IpLiteral.of(address), anyPrefix % (address.length * 8 + 1));
        assertEquals(block, Cidr.parse(block.toString()));
        assertEquals(block.toString(), Cidr.parse(block.toString()).toString());
    }

    @Property
    void anySpellingOfAnIpv6BlockIsTheSameBlock(@ForAll("addresses") byte[] address,
            @ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll Random random) {
        if (address.length != 16) {
            return;
        }
        Cidr block = Cidr.of(IpLiteral.of(address), prefix);
        assertEquals(block, Cidr.parse(Addresses.anySpelling(address, random) + "/" + prefix));
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).toInetAddress();
    }
}
