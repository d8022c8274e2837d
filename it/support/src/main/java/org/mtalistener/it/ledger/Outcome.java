package org.mtalistener.it.ledger;

/** What became of one message for its sender: the final reply, or why there was none. */
public record Outcome(Kind kind, int code, String reply) {

    public enum Kind {
        /** 250 to the end of DATA: the server owes this message */
        ACCEPTED,
        /** a 4xx reply (greeting, MAIL, RCPT, DATA or the end of DATA): the sender would retry */
        TEMPORARY,
        /** a 5xx (or unexpected) reply: the sender would give up */
        PERMANENT,
        /** the whole message went out, then the connection was lost without a reply: the sender cannot know */
        NO_REPLY,
        /** no connection, or it was lost before the end of DATA was sent: the server cannot have the message */
        NOT_SENT
    }

    /** The outcome of a reply to the end of DATA ({@code last}) or to a command before it. */
    static Outcome ofReply(int code, String reply, boolean last) {
        Kind kind = code == 250 && last ? Kind.ACCEPTED : code / 100 == 4 ? Kind.TEMPORARY : Kind.PERMANENT;
        return new Outcome(kind, code, reply);
    }

    static Outcome lost(boolean wholeMessageSent, String why) {
        return new Outcome(wholeMessageSent ? Kind.NO_REPLY : Kind.NOT_SENT, 0, why);
    }

    /** The queue id of a 250 ("250 2.0.0 OK queued as ID"): its last word. */
    public String queueId() {
        return kind == Kind.ACCEPTED ? reply.substring(reply.lastIndexOf(' ') + 1) : null;
    }
}
