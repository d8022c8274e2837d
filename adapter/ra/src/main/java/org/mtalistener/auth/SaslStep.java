package org.mtalistener.auth;

/** What a SASL exchange answers to the client's last response. */
public sealed interface SaslStep {

    /** Send {@code data} (the session base64-encodes it in a 334) and wait for the next response. */
    record Challenge(byte[] data) implements SaslStep {
    }

    /** The client proved to be {@code user}. */
    record Success(String user) implements SaslStep {
    }

    /** Wrong user or password. */
    record Failure() implements SaslStep {
    }

    /** The response does not have the mechanism's form (RFC 4954: 501). */
    record Malformed() implements SaslStep {
    }

    SaslStep FAILURE = new Failure();
    SaslStep MALFORMED = new Malformed();
}
