package org.mtalistener.api;

/** The protocol a message was received with. */
public enum Protocol {
    ESMTP,
    ECSTREAM,
    /** QMQP (cr.yp.to/proto/qmqp.html), as Postfix's qmqpd speaks it. */
    QMQP,
    /** Momentum's REST injection, or a raw {@code message/rfc822} POST, on an HTTP_Listener. */
    HTTP
}
