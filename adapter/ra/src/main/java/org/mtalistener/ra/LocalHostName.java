package org.mtalistener.ra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, the default banner and Received host name. Read from the kernel's record rather than
 * {@code InetAddress.getLocalHost()}, which may send a DNS query.
 */
final class LocalHostName {

    private static final String NAME = read();

    private LocalHostName() {
    }

    static String get() {
        return NAME;
    }

    private static String read() {
        for (Path p : new Path[] {Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname")}) {
            try {
                String name = Files.readString(p).trim();
                if (name.matches("[A-Za-z0-9.-]+")) {
                    return name;
                }
            } catch (IOException | SecurityException e) {
                // try the next source
            }
        }
        String env = System.getenv("HOSTNAME");
        return env != null && env.matches("[A-Za-z0-9.-]+") ? env : "localhost";
    }
}
