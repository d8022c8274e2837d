package org.mtalistener.conf.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import org.mtalistener.conf.values.CidrTable.Entry;

class CidrTableTest {

    @Test
    void theMostSpecificPeerWins() {
        // seed 000: Peer "10.0.0.0/16" in the listener, Peer "10.0.0.1" in Listen ":25"
        CidrTable<String> table = table("10.0.0.0/16", "netblock", "10.0.0.1", "host");
        assertEquals(Optional.of("host"), table.mostSpecific(address("10.0.0.1")));
        assertEquals(Optional.of("netblock"), table.mostSpecific(address("10.0.0.2")));
        assertEquals(Optional.of("netblock"), table.mostSpecific(address("10.0.255.255")));
        assertEquals(Optional.empty(), table.mostSpecific(address("10.1.0.0")));
    }

    @Test
    void theSeedAclChain() {
        // seed 004: the 2.x ESMTP ACLs
        CidrTable<String> table = table("0.0.0.0/0", "everyone", "10.0.0.0/8", "digest-md5",
                "10.1.2.3/32", "open relay", "10.1.2.4/32", "relay for domains");
        assertEquals(Optional.of("open relay"), table.mostSpecific(address("10.1.2.3")));
        assertEquals(Optional.of("relay for domains"), table.mostSpecific(address("10.1.2.4")));
        assertEquals(Optional.of("digest-md5"), table.mostSpecific(address("10.1.2.5")));
        assertEquals(Optional.of("everyone"), table.mostSpecific(address("192.0.2.1")));
        assertEquals(Optional.empty(), table.mostSpecific(address("::1")));
        Entry<String> match = table.match(address("10.200.0.1")).orElseThrow();
        assertEquals(Cidr.parse("10.0.0.0/8"), match.block());
        assertEquals("digest-md5", match.value());
    }

    @Test
    void orderOfAddingDoesNotMatter() {
        CidrTable<String> table = table("10.0.0.1", "host", "10.0.0.0/16", "netblock", "0.0.0.0/0", "all");
        assertEquals(Optional.of("host"), table.mostSpecific(address("10.0.0.1")));
        assertEquals(Optional.of("netblock"), table.mostSpecific(address("10.0.0.2")));
        assertEquals(Optional.of("all"), table.mostSpecific(address("11.0.0.0")));
    }

    @Test
    void familiesAreSeparate() throws Exception {
        CidrTable<String> table = table("0.0.0.0/0", "ipv4", "::/0", "ipv6");
        assertEquals(Optional.of("ipv4"), table.mostSpecific(address("198.51.100.1")));
        assertEquals(Optional.of("ipv6"), table.mostSpecific(address("2001:db8::1")));
        // a dual-stack socket's view of an IPv4 peer
        InetAddress mapped = Inet6Address.getByAddress(null, IpLiteral.parse("::ffff:198.51.100.1").toBytes(), -1);
        assertTrue(mapped instanceof Inet6Address);
        assertEquals(Optional.of("ipv4"), table.mostSpecific(mapped));
    }

    @Test
    void mappedPeersFindIpv4BlocksAndMappedBlocksAreIpv4() throws Exception {
        CidrTable<String> table = table("10.0.0.0/8", "ten", "::ffff:10.1.0.0/112", "ten-one");
        InetAddress mapped = Inet6Address.getByAddress(null, IpLiteral.parse("::ffff:10.1.2.3").toBytes(), -1);
        assertEquals(Optional.of("ten-one"), table.mostSpecific(mapped));
        assertEquals(Optional.of("ten-one"), table.mostSpecific(address("10.1.2.3")));
        assertEquals(Optional.of("ten"), table.mostSpecific(address("10.2.0.0")));
    }

    @Test
    void aBlockMayBeGivenOnlyOnce() {
        CidrTable.Builder<String> builder = CidrTable.<String>builder()
                .add(Cidr.parse("10.0.0.0/16"), "ecelerity.conf:12:3 Peer \"10.0.0.0/16\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.add(Cidr.parse("10.0.9.9/16"), "ecelerity.conf:20:3 Peer \"10.0.9.9/16\""));
        assertEquals("block 10.0.0.0/16 is given twice, for ecelerity.conf:12:3 Peer \"10.0.0.0/16\" and for"
                + " ecelerity.conf:20:3 Peer \"10.0.9.9/16\": keep one of them", e.getMessage());

        CidrTable.Builder<String> mapped = CidrTable.<String>builder().add(Cidr.parse("10.0.0.0/8"), "first");
        e = assertThrows(IllegalArgumentException.class,
                () -> mapped.add(Cidr.parse("::ffff:10.0.0.0/104"), "second"));
        assertEquals("block 10.0.0.0/8 is given twice, for first and for second: keep one of them", e.getMessage());

        // the same bits in another family, or another length, are other blocks
        assertEquals(3, table("0.0.0.0/0", "a", "::/0", "b", "0.0.0.0/1", "c").size());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> CidrTable.<String>builder().add(Cidr.parse("::/0"), null));
        assertThrows(NullPointerException.class, () -> CidrTable.<String>builder().add(null, "x"));
    }

    @Test
    void unixSocketPeersMatchAsLoopback() {
        assertEquals("v4", table("127.0.0.0/8", "v4", "::1", "v6").matchUnixPeer().orElseThrow().value());
        assertEquals("v6", table("::1", "v6", "10.0.0.0/8", "ten").matchUnixPeer().orElseThrow().value());
        assertEquals("all", table("0.0.0.0/0", "all", "::1", "v6").matchUnixPeer().orElseThrow().value());
        assertEquals(Optional.empty(), table("10.0.0.0/8", "ten").matchUnixPeer());
    }

    @Test
    void keepsEntriesInOrderAndIgnoresLaterBuilderChanges() {
        CidrTable.Builder<String> builder = CidrTable.<String>builder()
                .add(Cidr.parse("10.0.0.0/8"), "a")
                .add(Cidr.parse("::1"), "b");
        CidrTable<String> table = builder.build();
        builder.add(Cidr.parse("10.1.0.0/16"), "c");
        assertEquals(List.of(new Entry<>(Cidr.parse("10.0.0.0/8"), "a"), new Entry<>(Cidr.parse("::1"), "b")),
                table.entries());
        assertEquals(2, table.size());
        assertEquals(Optional.of("a"), table.mostSpecific(address("10.1.0.1")));
        assertThrows(UnsupportedOperationException.class, () -> table.entries().clear());
        assertTrue(CidrTable.<String>builder().build().isEmpty());
        assertEquals(Optional.empty(), CidrTable.<String>builder().build().mostSpecific(address("10.0.0.1")));
    }

    // ---- properties

    @Provide
    Arbitrary<byte[]> addresses() {
        return Addresses.anyAddress();
    }

    /**
     * Against brute force over random tables: the blocks grow around a few base addresses so that they nest and
     * overlap, and the peers are drawn near the same bases so that they hit several blocks at once.
     */
    @Property
    void mostSpecificAgreesWithBruteForce(@ForAll @Size(min = 1, max = 4) List<@From("addresses") byte[]> bases,
            @ForAll Random random) {
        Map<Cidr, Integer> blocks = new LinkedHashMap<>();
        int count = random.nextInt(25);
        for (int i = 0; i < count; i++) {
            byte[] base = bases.get(random.nextInt(bases.size()));
            byte[] network = Addresses.near(base, random);
            blocks.putIfAbsent(Cidr.of(IpLiteral.of(network), random.nextInt(network.length * 8 + 1)), i);
        }
        CidrTable.Builder<Integer> builder = CidrTable.builder();
        blocks.forEach(builder::add);
        CidrTable<Integer> table = builder.build();

        for (int i = 0; i < 20; i++) {
            byte[] peer = Addresses.near(bases.get(random.nextInt(bases.size())), random);
            Optional<Entry<Integer>> expected = bruteForce(blocks, peer);
            Optional<Entry<Integer>> actual = table.match(IpLiteral.of(peer).toInetAddress());
            assertEquals(expected, actual, "peer " + IpLiteral.of(peer) + " in " + blocks.keySet());
            if (IpLiteral.of(peer).isIpv4Mapped()) {
                // the same peer as an Inet6Address, as a dual-stack socket may hand it over
                assertEquals(expected, table.match(inet6(peer)));
            }
        }
    }

    @Property
    void aDuplicateIsRefusedWhateverItsSpelling(@ForAll("addresses") byte[] address, @ForAll Random random) {
        int prefix = random.nextInt(address.length * 8 + 1);
        Cidr block = Cidr.of(IpLiteral.of(address), prefix);
        // the same block with other host bits, spelled another way
        byte[] other = block.network().toBytes();
        for (int bit = prefix; bit < other.length * 8; bit++) {
            if (random.nextBoolean()) {
                other[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        String text = other.length == 16 ? Addresses.anySpelling(other, random) : IpLiteral.of(other).toString();
        CidrTable.Builder<String> builder = CidrTable.<String>builder().add(block, "first");
        assertThrows(IllegalArgumentException.class, () -> builder.add(Cidr.parse(text + "/" + prefix), "second"));
    }

    private static Optional<Entry<Integer>> bruteForce(Map<Cidr, Integer> blocks, byte[] peer) {
        byte[] asSeen = IpLiteral.of(peer).unmapped().toBytes();
        List<Entry<Integer>> matches = new ArrayList<>();
        blocks.forEach((block, value) -> {
            if (Addresses.referenceContains(block.network().toBytes(), block.prefixLength(), asSeen)) {
                matches.add(new Entry<>(block, value));
            }
        });
        return matches.stream().max(Comparator.comparingInt(entry -> entry.block().prefixLength()));
    }

    private static CidrTable<String> table(String... blocksAndValues) {
        CidrTable.Builder<String> builder = CidrTable.builder();
        for (int i = 0; i < blocksAndValues.length; i += 2) {
            builder.add(Cidr.parse(blocksAndValues[i]), blocksAndValues[i + 1]);
        }
        return builder.build();
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).toInetAddress();
    }

    private static InetAddress inet6(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
