package org.mtalistener.conf.values;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Blocks of addresses, each with a value, answering "which block is the most specific match for this peer?" — how
 * Momentum picks the {@code Peer} scope (or 2.x ACL) that applies to a connection: the matching block with the
 * longest prefix wins.
 *
 * <p>IPv4 and IPv6 are separate tables. An IPv4-mapped peer ({@code ::ffff:10.0.0.1}) is looked up as IPv4, as
 * {@link Cidr} describes. A peer on a Unix socket has no address; Momentum treats it as loopback, see
 * {@link #matchUnixPeer()}.
 *
 * <p>A lookup walks a binary trie, at most 32 or 128 steps and no allocation beyond the peer's bytes, so it is
 * cheap enough for every connection. A table is immutable and safe to share between threads.
 *
 * @param <T> the value of a block, e.g. a {@code Peer} scope
 */
public final class CidrTable<T> {

    /** One block and its value. */
    public record Entry<T>(Cidr block, T value) {
        public Entry {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Entry<T>> entries;
    // Final fields: a thread that sees the table also sees the finished tries below them (JLS 17.5).
    private final Node<T> ipv4 = new Node<>();
    private final Node<T> ipv6 = new Node<>();

    private CidrTable(List<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
        for (Entry<T> entry : this.entries) {
            IpLiteral network = entry.block().network();
            Node<T> node = network.isIpv4() ? ipv4 : ipv6;
            for (int bit = 0; bit < entry.block().prefixLength(); bit++) {
                node = node.child(network.bit(bit));
            }
            node.entry = entry;
        }
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The value of the most specific block that contains {@code peer}, if any block does. */
    public Optional<T> mostSpecific(InetAddress peer) {
        return match(peer).map(Entry::value);
    }

    /** The most specific block that contains {@code peer}, with its value, if any block does. */
    public Optional<Entry<T>> match(InetAddress peer) {
        return match(IpLiteral.of(peer));
    }

    /**
     * The match for a peer on a Unix socket, which Momentum treats as loopback: the match for {@code 127.0.0.1}, or,
     * if no IPv4 block contains it, for {@code ::1}. IPv4 comes first because ACLs are mostly written for IPv4 (as
     * the {@code 0.0.0.0/0} catch-alls in Momentum's examples are); the IPv6 fallback lets an IPv6-only table still
     * recognise a local client.
     */
    public Optional<Entry<T>> matchUnixPeer() {
        Optional<Entry<T>> ipv4Match = match(IpLiteral.IPV4_LOOPBACK);
        return ipv4Match.isPresent() ? ipv4Match : match(IpLiteral.IPV6_LOOPBACK);
    }

    /** Every block with its value, in the order they were added. */
    public List<Entry<T>> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    Optional<Entry<T>> match(IpLiteral peer) {
        IpLiteral address = peer.unmapped();
        Node<T> node = address.isIpv4() ? ipv4 : ipv6;
        Entry<T> best = node.entry;
        for (int bit = 0; bit < address.bitLength(); bit++) {
            node = address.bit(bit) ? node.one : node.zero;
            if (node == null) {
                break;
            }
            if (node.entry != null) {
                best = node.entry;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects blocks; each block may be added once. */
    public static final class Builder<T> {

        private final Map<Cidr, Entry<T>> byBlock = new HashMap<>();
        private final List<Entry<T>> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a block.
         *
         * @throws IllegalArgumentException if an equal block (after host bits are masked) was added before; the
         *                                  message names both values, so a value that says where it was written
         *                                  leads the reader to both places
         */
        public Builder<T> add(Cidr block, T value) {
            Entry<T> entry = new Entry<>(block, value);
            Entry<T> earlier = byBlock.putIfAbsent(block, entry);
            if (earlier != null) {
                throw new IllegalArgumentException("block " + block + " is given twice, for " + earlier.value()
                        + " and for " + value + ": keep one of them");
            }
            entries.add(entry);
            return this;
        }

        public CidrTable<T> build() {
            return new CidrTable<>(entries);
        }
    }

    private static final class Node<T> {
        Node<T> zero;
        Node<T> one;
        Entry<T> entry;

        Node<T> child(boolean bit) {
            if (bit) {
                return one != null ? one : (one = new Node<>());
            }
            return zero != null ? zero : (zero = new Node<>());
        }
    }
}
