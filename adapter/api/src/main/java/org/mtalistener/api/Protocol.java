package org.mtalistener.api;

/** The protocol a message was received with. */
public enum Protocol {
    ESMTP,
    ECSTREAM,
    /** Momentum's REST injection, or a raw {@code message/rfc822} POST, on an HTTP_Listener. */
    HTTP
}
