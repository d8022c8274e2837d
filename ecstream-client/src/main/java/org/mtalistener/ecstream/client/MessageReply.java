package org.mtalistener.ecstream.client;

/**
 * The server's answer to one message.
 *
 * @param tag          the tag the client gave the message
 * @param status       accepted, or refused for now or for good
 * @param queueId      the server's id for an accepted message; empty otherwise
 * @param code         an SMTP reply code: 250 for accepted, else 4xx or 5xx
 * @param enhancedCode the RFC 3463 code of a refusal (e.g. {@code 4.3.0}); empty for accepted
 * @param text         the refusal's text; empty for accepted
 */
public record MessageReply(long tag, Status status, String queueId, int code, String enhancedCode, String text) {

    /** What became of a message. */
    public enum Status {
        /** The server's MDB took the message: it will not be lost. */
        ACCEPTED,
        /** Not taken; send it again later. */
        TEMPFAIL,
        /** Refused for good. */
        PERMFAIL
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    @Override
    public String toString() {
        return accepted() ? "ACCEPTED " + queueId : status + " " + code + " " + enhancedCode + " " + text;
    }
}
