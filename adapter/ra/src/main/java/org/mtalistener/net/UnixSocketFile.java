package org.mtalistener.net;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file of a Unix domain socket listener: cleared safely before the bind, given its File_Mode after it, removed
 * when the listener stops. These touch the file system: call them from a container thread, never an event loop.
 */
public final class UnixSocketFile {

    private static final int FILE_TYPE = 0170000;
    private static final int SOCKET = 0140000;

    private UnixSocketFile() {
    }

    /**
     * Makes way for a new socket at {@code path}: a socket file nobody listens on (left by a crash) is removed; a
     * socket someone listens on, or anything that is not a socket, is left alone and refused.
     */
    public static void prepare(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & FILE_TYPE) != SOCKET) {
            throw new IOException(path + " exists and is not a socket; remove it or choose another path");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException nobodyListens) {
            Files.delete(path);
            return;
        }
        throw new IOException("another process listens on " + path);
    }

    /** Sets the socket file's permissions to {@code mode} (octal rwx for owner, group, others). */
    public static void setMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    /** Removes the socket file if it is still a socket (what a stopped listener leaves behind). */
    public static void remove(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE) == SOCKET) {
            Files.delete(path);
        }
    }
}
