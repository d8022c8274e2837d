package org.mtalistener.conf.values;

import static org.mtalistener.conf.values.ConfString.quote;
import static org.mtalistener.conf.values.IpLiteral.invalid;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A block of addresses as written in a {@code Peer} scope, a 2.x ACL or {@code Relay_Hosts}: {@code 10.0.0.0/16},
 * {@code 10.0.0.1} (a single address, {@code /32}), {@code 2001:db8::/32}, {@code ::1} ({@code /128}). IPv6 is
 * written without brackets; brackets around an IPv6 address are tolerated, since Momentum only says they are not
 * required there.
 *
 * <p>Host bits are allowed and masked off, as Momentum does: {@code 10.0.0.1/16} is the block {@code 10.0.0.0/16}.
 *
 * <p>IPv4 peers may arrive as IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) from a dual-stack socket, so a
 * mapped address is always treated as the IPv4 address it stands for: {@link #contains(InetAddress)} matches
 * {@code ::ffff:10.0.0.1} against {@code 10.0.0.0/8}, and a block written inside the mapped range
 * ({@code ::ffff:10.0.0.0/104}) is that IPv4 block ({@code 10.0.0.0/8}). An IPv6 block shorter than {@code /96}
 * never contains an IPv4 peer, even {@code ::/0}; write an IPv4 block ({@code 0.0.0.0/0}) for those.
 *
 * <p>Equal blocks have the same network and prefix length; {@link #toString()} always prints both, e.g.
 * {@code 10.0.0.1/32}, and {@link #parse(String)} reads it back to an equal value.
 */
public final class Cidr {

    private static final String WHAT = "a CIDR block";

    private final IpLiteral network;
    private final int prefixLength;

    private Cidr(IpLiteral network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code ADDRESS} or {@code ADDRESS/PREFIX} with an IPv4 or IPv6 address.
     *
     * @throws IllegalArgumentException naming the value, what is wrong with it and what to write instead
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw invalid(text, WHAT, "expected an address or ADDRESS/PREFIX, as in 192.0.2.0/24 or 2001:db8::/32");
        }
        if (!text.strip().equals(text)) {
            throw invalid(text, WHAT, "remove the whitespace around it");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        IpLiteral address = parseAddress(addressText, text);
        if (slash < 0) {
            return of(address, address.bitLength());
        }
        String prefixText = text.substring(slash + 1);
        String range = "0 to " + address.bitLength();
        if (prefixText.isEmpty()) {
            throw invalid(text, WHAT, "the prefix length after \"/\" is missing: write " + range);
        }
        int prefixLength = 0;
        for (int i = 0; i < prefixText.length(); i++) {
            char c = prefixText.charAt(i);
            if (!IpLiteral.isAsciiDigit(c)) {
                throw invalid(text, WHAT, "prefix length " + quote(prefixText) + " is not a number from " + range);
            }
            prefixLength = Math.min(prefixLength * 10 + (c - '0'), 1000); // capped: only "too big" matters
        }
        if (prefixLength > address.bitLength()) {
            throw invalid(text, WHAT, "prefix length " + prefixText + " is out of range: an "
                    + (address.isIpv4() ? "IPv4" : "IPv6") + " block takes " + range);
        }
        return of(address, prefixLength);
    }

    /**
     * The block of {@code prefixLength} leading bits of {@code address}; host bits are masked off, and a block inside
     * the IPv4-mapped range becomes the IPv4 block it stands for.
     *
     * @throws IllegalArgumentException if the prefix length is not within 0 to the address's bit length
     */
    public static Cidr of(IpLiteral address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for " + address
                    + ": use 0 to " + address.bitLength());
        }
        if (address.isIpv4Mapped() && prefixLength >= 96) {
            return of(address.unmapped(), prefixLength - 96);
        }
        byte[] bytes = address.toBytes();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.min(8, Math.max(0, prefixLength - 8 * i));
            bytes[i] &= (byte) (0xff00 >>> keep);
        }
        return new Cidr(IpLiteral.of(bytes), prefixLength);
    }

    /** The first address of the block (host bits zero); never IPv4-mapped. */
    public IpLiteral network() {
        return network;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.isIpv4();
    }

    /** Whether {@code peer} lies in this block; an IPv4-mapped IPv6 peer counts as its IPv4 address. */
    public boolean contains(InetAddress peer) {
        return contains(IpLiteral.of(peer));
    }

    /** Whether {@code peer} lies in this block; an IPv4-mapped IPv6 peer counts as its IPv4 address. */
    public boolean contains(IpLiteral peer) {
        byte[] address = peer.unmapped().bytes();
        byte[] net = network.bytes();
        if (address.length != net.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != net[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        return rest == 0 || ((address[whole] ^ net[whole]) & ((0xff00 >>> rest) & 0xff)) == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && network.equals(that.network);
    }

    @Override
    public int hashCode() {
        return 31 * network.hashCode() + prefixLength;
    }

    /** {@code NETWORK/PREFIX}, the network in dotted decimal or the RFC 5952 form. */
    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }

    private static IpLiteral parseAddress(String addressText, String text) {
        if (addressText.startsWith("[") && addressText.endsWith("]") && addressText.length() >= 2) {
            String inner = addressText.substring(1, addressText.length() - 1);
            if (inner.indexOf(':') < 0) {
                throw invalid(text, WHAT, "brackets are only for IPv6 addresses: remove them");
            }
            return IpLiteral.parseIpv6(inner, text, WHAT);
        }
        if (addressText.isEmpty()) {
            throw invalid(text, WHAT, "the address before \"/\" is missing, as in 192.0.2.0/24");
        }
        if (IpLiteral.looksLikeHostName(addressText)) {
            throw invalid(text, WHAT, "host names are not matched, only addresses: write the address or block, as in "
                    + "192.0.2.0/24 or 2001:db8::/32");
        }
        return IpLiteral.parse(addressText, text, WHAT);
    }
}
