package org.mtalistener.api;

/** The protocol a message was received with. */
public enum Protocol {
    ESMTP,
    ECSTREAM
}
