package org.mtalistener.it;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, as Linux's /proc tells them: "127.0.0.1:2525", "0.0.0.0:6900", "[::]:80". */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    public static Set<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while we listed them is not a listening socket
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    /** "0100007F:0A21" → "127.0.0.1:2593": the address is in 32-bit words of host (little-endian) order. */
    private static String address(String hex) throws IOException {
        String[] parts = hex.split(":");
        byte[] bytes = new byte[parts[0].length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(parts[0].substring(at, at + 2), 16);
            }
        }
        InetAddress host = InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as IPv4
        int port = new BigInteger(parts[1], 16).intValue();
        return (host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress()) + ":" + port;
    }
}
