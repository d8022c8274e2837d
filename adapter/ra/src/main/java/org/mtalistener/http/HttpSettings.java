package org.mtalistener.http;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP_Listener tells its sessions (a Peer's own for its clients).
 *
 * @param listenerName       the listener as MDBs see it, e.g. {@code HTTP_Listener 127.0.0.1:2081}
 * @param idleTime           Idle_Time: how long a client may stay silent, inside a request or between two; zero =
 *                           never
 * @param maxRequestSize     Max_Request_Size: the most bytes of a request body; 0 = unlimited
 * @param maxRecipients      Max_Recipients_Per_Message: the most recipients of one injection; 0 = unlimited
 * @param disableChunked     Disable_Chunked: a chunked request body gets 411
 * @param logRequests        Log_Requests_To_Paniclog: one access-log line per request
 * @param receivedHostname   the name in the {@code by} clause of the {@code Received:} header
 * @param tls                Use_SSL's context: TLS from the first byte; null: plain HTTP
 * @param allowRenegotiation TLS_Allow_Renegotiation
 * @param auth               who may inject
 */
public record HttpSettings(String listenerName, Duration idleTime, long maxRequestSize, int maxRecipients,
                           boolean disableChunked, boolean logRequests, String receivedHostname, SslContext tls,
                           boolean allowRenegotiation, HttpAuth auth) {

    public HttpSettings {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(idleTime, "idleTime");
        Objects.requireNonNull(receivedHostname, "receivedHostname");
        Objects.requireNonNull(auth, "auth");
        if (maxRequestSize < 0) {
            throw new IllegalArgumentException("maxRequestSize must be 0 (unlimited) or positive: " + maxRequestSize);
        }
    }
}
