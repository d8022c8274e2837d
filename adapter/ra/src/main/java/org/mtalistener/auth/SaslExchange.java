package org.mtalistener.auth;

/** One authentication attempt with one mechanism; CPU only, so it runs on the session's event loop. */
public interface SaslExchange {

    /** The first step; {@code initialResponse} is the AUTH command's (RFC 4954), null when it had none. */
    SaslStep start(byte[] initialResponse);

    /** The step after the client's response to a challenge. */
    SaslStep next(byte[] response);
}
