package org.mtalistener.qmqp;

/**
 * What {@link QmqpDecoder} makes of a QMQP request, besides the message's content, which it passes on as
 * {@code ByteBuf} slices between {@link MessageStart} and {@link Sender}.
 */
sealed interface Request {

    /** The request and its message netstring began; {@code length} content bytes follow. */
    record MessageStart(long length) implements Request {
    }

    /** The message netstring ended, and the sender's came whole (empty: the null sender). */
    record Sender(byte[] address) implements Request {
    }

    record Recipient(byte[] address) implements Request {
    }

    /** The request's closing comma: the client has sent its last byte. */
    record End() implements Request {
    }

    /**
     * The input cannot be read as a QMQP request; nothing follows. The words are qmqpd's: {@code problem} as
     * "netstring format error", {@code where} as "receiving sender address".
     */
    record Malformed(String problem, String where) implements Request {
    }
}
