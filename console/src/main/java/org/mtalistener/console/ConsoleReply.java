package org.mtalistener.console;

import java.util.Arrays;
import java.util.List;

/**
 * One reply of the console (docs/console.md, Frames).
 *
 * @param type what kind of reply
 * @param text the payload as text: a command's output, a base64 challenge, or the mechanisms offered
 */
public record ConsoleReply(Type type, String text) {

    /** The reply to a command the server does not know, nor any Control_Listener MDB. */
    public static final String UNKNOWN_COMMAND = "Unknown command";
    /** The reply to a command the user's roles do not allow. */
    public static final String NOT_AUTHORIZED = "Not Authorized for this command";

    /** The reply types, with their numbers on the wire. */
    public enum Type {
        TEXT(1), LONG_TEXT(2), CHALLENGE(3), AUTH_REQUIRED(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The type with this number, or null. */
        public static Type of(int code) {
            return code >= 1 && code <= 4 ? values()[code - 1] : null;
        }
    }

    /** A command's output: TEXT or LONG_TEXT. */
    public boolean isText() {
        return type == Type.TEXT || type == Type.LONG_TEXT;
    }

    /**
     * Whether this is the server refusing the command: the text is exactly {@value #UNKNOWN_COMMAND} or
     * {@value #NOT_AUTHORIZED}, give or take a final line end.
     */
    public boolean refused() {
        return isText() && refusal(text);
    }

    /** Whether a command's output is {@value #UNKNOWN_COMMAND} or {@value #NOT_AUTHORIZED}, give or take a line end. */
    public static boolean refusal(String output) {
        String line = output.stripTrailing();
        return line.equals(UNKNOWN_COMMAND) || line.equals(NOT_AUTHORIZED);
    }

    /** The mechanisms an AUTH_REQUIRED reply offers, in its order; empty for any other reply. */
    public List<String> mechanisms() {
        if (type != Type.AUTH_REQUIRED || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split(" +")).toList();
    }
}
