package org.mtalistener.ecstream.client;

import java.io.IOException;

/**
 * The connection ended or cannot be used: the server sent ERROR or BYE, broke the protocol, or went away. Messages
 * without a reply when it happened may or may not have been delivered; send them again.
 */
public class EcstreamException extends IOException {

    private static final long serialVersionUID = 1L;

    public EcstreamException(String message) {
        super(message);
    }

    public EcstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
