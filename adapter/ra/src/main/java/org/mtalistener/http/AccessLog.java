package org.mtalistener.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Logger;
import org.mtalistener.log.ClientText;

/**
 * Log_Requests_To_Paniclog: one line per request at INFO, in Momentum's paniclog format,
 * {@code 1307461172:192.168.0.197:51216 "POST /v1.0/inject/ HTTP/1.1" 200 224 5.000} (time, client, request line,
 * status, reply bytes, seconds taken). A logger of its own, so the container's log configuration can send these lines
 * elsewhere.
 */
final class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());

    private AccessLog() {
    }

    static void log(Instant at, SocketAddress client, String requestLine, int status, long bytes, long nanos) {
        LOG.info(() -> line(at, client, requestLine, status, bytes, nanos));
    }

    static String line(Instant at, SocketAddress client, String requestLine, int status, long bytes, long nanos) {
        String who = client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(client);
        return at.getEpochSecond() + ":" + who + " \"" + ClientText.escaped(requestLine) + "\" " + status + " "
                + bytes + " " + String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
