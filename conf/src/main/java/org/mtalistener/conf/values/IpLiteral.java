package org.mtalistener.conf.values;

import static org.mtalistener.conf.values.ConfString.quote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address written as a literal. This is the one parser of address text in the conf library:
 * {@link ListenAddress} and {@link Cidr} both use it.
 *
 * <p>Accepted spellings:
 * <ul>
 *   <li>IPv4: exactly four decimal octets 0 to 255, as in {@code 192.0.2.1}. An octet with a leading zero
 *       ({@code 010}) is refused, because {@code inet_aton} reads it as octal (8) while {@code inet_pton} refuses
 *       it: the same text would mean different addresses to different tools.</li>
 *   <li>IPv6 as RFC 4291 §2.2 allows: one to four hex digits per group in either case, one {@code ::} standing for
 *       one or more zero groups, and an optional IPv4 tail ({@code ::ffff:192.0.2.1}). Zone ids ({@code %eth0})
 *       are refused: a configured address must not depend on an interface name.</li>
 * </ul>
 * Host names are never accepted and nothing here looks anything up in DNS.
 *
 * <p>Two literals are equal when their bytes are, so every spelling of an IPv6 address is the same value.
 * {@link #toString()} prints the RFC 5952 form: lower case, no leading zeros, the longest run of two or more zero
 * groups (the first of equally long runs) as {@code ::}, and IPv4-mapped addresses as {@code ::ffff:a.b.c.d}
 * (RFC 5952 §5). An IPv4-mapped literal is an IPv6 value here; {@link #unmapped()} gives the IPv4 address it
 * stands for.
 */
public final class IpLiteral {

    static final IpLiteral IPV4_LOOPBACK = new IpLiteral(new byte[] {127, 0, 0, 1});
    static final IpLiteral IPV6_LOOPBACK = new IpLiteral(ipv6Loopback());

    private static final String IPV4_EXAMPLE = "192.0.2.1";
    private static final String IPV6_EXAMPLE = "2001:db8::1";

    private final byte[] bytes;

    private IpLiteral(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses an IPv4 or IPv6 literal (no brackets, no zone id, no host name).
     *
     * @throws IllegalArgumentException naming the text, what is wrong with it and what to write instead
     */
    public static IpLiteral parse(String text) {
        return parse(text, text, "an IP address");
    }

    /** The address of {@code address}, without any IPv6 scope id. No name service is consulted. */
    public static IpLiteral of(InetAddress address) {
        return new IpLiteral(address.getAddress());
    }

    /**
     * The address with these bytes: 4 for IPv4, 16 for IPv6.
     *
     * @throws IllegalArgumentException for any other length
     */
    public static IpLiteral of(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        return new IpLiteral(bytes.clone());
    }

    /**
     * Parses {@code text} as either family; errors say that {@code value} (the whole string the caller was given,
     * of which {@code text} is a part) is not {@code what}.
     */
    static IpLiteral parse(String text, String value, String what) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text, value, what);
        }
        if (isDigitsAndDots(text)) {
            return new IpLiteral(ipv4Bytes(text, value, what));
        }
        throw invalid(value, what, "expected an IPv4 address (as in " + IPV4_EXAMPLE + ") or an IPv6 address (as in "
                + IPV6_EXAMPLE + ")");
    }

    /** Like {@link #parse(String, String, String)} for text that may only be IPv6, as between brackets. */
    static IpLiteral parseIpv6(String text, String value, String what) {
        int zone = text.indexOf('%');
        if (zone >= 0) {
            throw invalid(value, what, "zone id " + quote(text.substring(zone)) + " is not supported: remove it");
        }
        if (text.contains(":::")) {
            throw invalid(value, what, quote(text) + " has three colons in a row");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(value, what, quote(text) + " has \"::\" twice: it may stand for only one run of zero groups");
        }
        List<String> head = groups(gap < 0 ? text : text.substring(0, gap), text, value, what);
        List<String> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), text, value, what);

        // An IPv4 part fills the last two groups, so it may only be the last thing written.
        String ipv4 = null;
        List<String> lastSide = gap < 0 ? head : tail;
        if (!lastSide.isEmpty() && lastSide.get(lastSide.size() - 1).indexOf('.') >= 0) {
            ipv4 = lastSide.get(lastSide.size() - 1);
            lastSide = lastSide.subList(0, lastSide.size() - 1);
            if (gap < 0) {
                head = lastSide;
            } else {
                tail = lastSide;
            }
        }
        for (List<String> side : List.of(head, tail)) {
            for (String group : side) {
                if (group.indexOf('.') >= 0) {
                    throw invalid(value, what, "the IPv4 part " + quote(group) + " may only end the address");
                }
            }
        }
        int written = head.size() + tail.size() + (ipv4 == null ? 0 : 2);
        if (gap < 0 && written != 8) {
            throw invalid(value, what, quote(text) + " has " + written + (written == 1 ? " group" : " groups")
                    + ": an IPv6 address has 8, or fewer with \"::\" for a run of zero groups");
        }
        if (gap >= 0 && written > 7) {
            throw invalid(value, what, quote(text) + " has " + written
                    + " groups and \"::\": with \"::\" at most 7 groups may be written");
        }

        byte[] bytes = new byte[16];
        int at = 0;
        for (String group : head) {
            at = putGroup(bytes, at, group, value, what);
        }
        at = 16 - 2 * tail.size() - (ipv4 == null ? 0 : 4);
        for (String group : tail) {
            at = putGroup(bytes, at, group, value, what);
        }
        if (ipv4 != null) {
            System.arraycopy(ipv4Bytes(ipv4, value, what), 0, bytes, 12, 4);
        }
        return new IpLiteral(bytes);
    }

    /** Whether {@code text} reads as a DNS name (letters, digits, dots and hyphens, at least one letter). */
    static boolean looksLikeHostName(String text) {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!isAsciiDigit(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return letter;
    }

    /** The error every parser in this package throws: names the value, what it is not, and why. */
    static IllegalArgumentException invalid(String value, String what, String reason) {
        return new IllegalArgumentException(quote(value) + " is not " + what + ": " + reason);
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** 32 for IPv4, 128 for IPv6. */
    public int bitLength() {
        return bytes.length * 8;
    }

    /** Whether this is an IPv6 address of the form {@code ::ffff:a.b.c.d}, as dual-stack sockets report IPv4 peers. */
    public boolean isIpv4Mapped() {
        if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address an IPv4-mapped IPv6 address stands for; any other address itself. */
    public IpLiteral unmapped() {
        return isIpv4Mapped() ? new IpLiteral(Arrays.copyOfRange(bytes, 12, 16)) : this;
    }

    /** {@code 0.0.0.0} or {@code ::}. */
    public boolean isUnspecified() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code 127.0.0.0/8} (also IPv4-mapped) or {@code ::1}. */
    public boolean isLoopback() {
        IpLiteral address = unmapped();
        return address.isIpv4() ? address.bytes[0] == 127 : address.equals(IPV6_LOOPBACK);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * This address as an {@link InetAddress}, built from its bytes with no name service lookup. The JDK turns an
     * IPv4-mapped address into an {@code Inet4Address}, which is how a socket treats it anyway.
     */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /** Bit {@code index} of the address, 0 being the most significant. */
    boolean bit(int index) {
        return ((bytes[index >>> 3] >>> (7 - (index & 7))) & 1) != 0;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpLiteral that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The RFC 5952 form for IPv6, dotted decimal for IPv4; {@link #parse(String)} reads it back to an equal value. */
    @Override
    public String toString() {
        if (isIpv4()) {
            return dotted(bytes, 0);
        }
        if (isIpv4Mapped()) {
            return "::ffff:" + dotted(bytes, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2: "::" replaces the longest run of at least two zero groups, the first if runs tie.
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
            } else {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(groups[i]));
            }
        }
        return out.toString();
    }

    private static String dotted(byte[] bytes, int from) {
        return (bytes[from] & 0xff) + "." + (bytes[from + 1] & 0xff) + "." + (bytes[from + 2] & 0xff) + "."
                + (bytes[from + 3] & 0xff);
    }

    private static byte[] ipv4Bytes(String text, String value, String what) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(value, what, quote(text) + " has " + octets.length
                    + (octets.length == 1 ? " part" : " parts") + ": an IPv4 address has 4, as in " + IPV4_EXAMPLE);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty()) {
                throw invalid(value, what, quote(text) + " has an empty octet");
            }
            for (int j = 0; j < octet.length(); j++) {
                if (!isAsciiDigit(octet.charAt(j))) {
                    throw invalid(value, what, "octet " + quote(octet) + " is not a decimal number");
                }
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw invalid(value, what, "octet " + quote(octet)
                        + " has a leading zero, which some tools read as octal: write it without the zero");
            }
            if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                throw invalid(value, what, "octet " + quote(octet) + " is greater than 255");
            }
            bytes[i] = (byte) Integer.parseInt(octet);
        }
        return bytes;
    }

    /** The colon-separated groups of one side of "::" (none for an empty side). */
    private static List<String> groups(String side, String text, String value, String what) {
        if (side.isEmpty()) {
            return List.of();
        }
        List<String> groups = List.of(side.split(":", -1));
        if (groups.contains("")) {
            throw invalid(value, what, quote(text) + " has a single \":\" at its start or end");
        }
        return groups;
    }

    private static int putGroup(byte[] bytes, int at, String group, String value, String what) {
        if (group.length() > 4) {
            throw invalid(value, what, "group " + quote(group) + " has more than 4 hex digits");
        }
        int number = 0;
        for (int i = 0; i < group.length(); i++) {
            int digit = hexDigit(group.charAt(i));
            if (digit < 0) {
                throw invalid(value, what, "group " + quote(group) + " is not a hex number");
            }
            number = number << 4 | digit;
        }
        bytes[at] = (byte) (number >>> 8);
        bytes[at + 1] = (byte) number;
        return at + 2;
    }

    // Character.digit would also accept non-ASCII digits such as U+0661; an address is ASCII only.
    private static int hexDigit(char c) {
        if (isAsciiDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigitsAndDots(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAsciiDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ipv6Loopback() {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        return bytes;
    }
}
