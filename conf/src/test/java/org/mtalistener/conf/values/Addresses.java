package org.mtalistener.conf.values;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators and reference functions for the property tests. The references are deliberately written another way
 * than the code under test (BigInteger arithmetic, independent spelling rules) so that a shared mistake is unlikely.
 */
final class Addresses {

    private Addresses() {
    }

    static Arbitrary<byte[]> ipv4() {
        // Small octets are over-represented so that blocks and addresses collide often.
        Arbitrary<Integer> octet = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 3)),
                Tuple.of(1, Arbitraries.of(127, 128, 255)),
                Tuple.of(4, Arbitraries.integers().between(0, 255)));
        return octet.list().ofSize(4).map(Addresses::toBytes);
    }

    /** IPv6 addresses with many zero groups (to exercise "::"), and IPv4-mapped ones. */
    static Arbitrary<byte[]> ipv6() {
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 0xf)),
                Tuple.of(3, Arbitraries.integers().between(0, 0xffff)));
        Arbitrary<byte[]> plain = group.list().ofSize(8).map(groups -> {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[2 * i] = (byte) (groups.get(i) >>> 8);
                bytes[2 * i + 1] = (byte) (int) groups.get(i);
            }
            return bytes;
        });
        Arbitrary<byte[]> mapped = ipv4().map(Addresses::mapped);
        return Arbitraries.frequencyOf(Tuple.of(5, plain), Tuple.of(1, mapped));
    }

    static Arbitrary<byte[]> anyAddress() {
        return Arbitraries.oneOf(ipv4(), ipv6());
    }

    /** An address in the same family as {@code near}, sharing a random number of its leading bits. */
    static byte[] near(byte[] near, Random random) {
        byte[] bytes = near.clone();
        int keep = random.nextInt(bytes.length * 8 + 1);
        for (int bit = keep; bit < bytes.length * 8; bit++) {
            if (random.nextBoolean()) {
                bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            }
        }
        return bytes;
    }

    static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(1, 65535).edgeCases(c -> c.includeOnly(1, 25, 65535));
    }

    static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }

    /**
     * One of the many valid spellings of an IPv6 address: any run of zero groups (or none) as "::", optional
     * leading zeros, either case, and sometimes the last 32 bits as dotted decimal.
     */
    static String anySpelling(byte[] ipv6, Random random) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ipv6[2 * i] & 0xff) << 8) | (ipv6[2 * i + 1] & 0xff);
        }
        boolean dottedTail = random.nextInt(4) == 0;
        int hexGroups = dottedTail ? 6 : 8;
        List<int[]> zeroRuns = new ArrayList<>();
        for (int from = 0; from < hexGroups; from++) {
            for (int to = from; to < hexGroups && groups[to] == 0; to++) {
                zeroRuns.add(new int[] {from, to + 1});
            }
        }
        int[] gap = zeroRuns.isEmpty() || random.nextInt(5) == 0 ? null
                : zeroRuns.get(random.nextInt(zeroRuns.size()));
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < hexGroups; i++) {
            if (gap != null && i >= gap[0] && i < gap[1]) {
                continue;
            }
            (gap != null && i >= gap[1] ? right : left).add(hexSpelling(groups[i], random));
        }
        if (dottedTail) {
            (gap != null ? right : left).add((ipv6[12] & 0xff) + "." + (ipv6[13] & 0xff) + "." + (ipv6[14] & 0xff)
                    + "." + (ipv6[15] & 0xff));
        }
        return gap == null ? String.join(":", left) : String.join(":", left) + "::" + String.join(":", right);
    }

    private static String hexSpelling(int group, Random random) {
        StringBuilder hex = new StringBuilder(Integer.toHexString(group));
        int padding = random.nextInt(5 - hex.length());
        for (int i = 0; i < padding; i++) {
            hex.insert(0, '0');
        }
        for (int i = 0; i < hex.length(); i++) {
            if (random.nextBoolean()) {
                hex.setCharAt(i, Character.toUpperCase(hex.charAt(i)));
            }
        }
        return hex.toString();
    }

    /** The reference for CIDR membership: compare the leading bits as unsigned big integers. */
    static boolean referenceContains(byte[] network, int prefixLength, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int shift = network.length * 8 - prefixLength;
        return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
    }

    private static byte[] toBytes(List<Integer> octets) {
        byte[] bytes = new byte[octets.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) octets.get(i);
        }
        return bytes;
    }
}
