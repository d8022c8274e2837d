package org.mtalistener.api;

import java.util.List;

/**
 * One console command as the operator typed it.
 *
 * @param line     the command line, trimmed
 * @param words    the line split at white space, double-quoted words kept whole without their quotes
 * @param user     who runs it: the authenticated user, {@code anonymous} under Always_Allow, or the operating
 *                 system user of a Unix socket peer
 * @param listener the console socket, e.g. {@code Control_Listener /tmp/2025}
 * @param remote   the client: {@code 127.0.0.1:49440}, or the socket path for a Unix socket
 */
public record ControlCommand(String line, List<String> words, String user, String listener, String remote) {

    public ControlCommand {
        words = List.copyOf(words);
    }
}
