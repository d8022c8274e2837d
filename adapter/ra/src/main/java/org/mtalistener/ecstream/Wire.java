package org.mtalistener.ecstream;

import java.nio.charset.StandardCharsets;

/** The numbers of the ECStream wire format, version 1, as {@code docs/ecstream.md} defines them. */
final class Wire {

    /** type u8 + length u32 */
    static final int HEADER = 5;
    static final int MAX_FRAME = 1 << 20;
    static final int MAX_RECIPIENTS = 10_000;
    /** An address or parameter longer than a header line could hold is not an address. */
    static final int MAX_FIELD = 998;

    static final int VERSION_1 = 1;
    /** The versions this server speaks, ascending, as HELLO lists them. */
    static final int[] VERSIONS = {VERSION_1};
    static final byte[] MAGIC = "ECSTREAM".getBytes(StandardCharsets.US_ASCII);

    // client → server
    static final int VERSION = 0x02;
    static final int MESSAGE = 0x10;
    static final int DATA = 0x11;
    static final int END = 0x12;
    static final int ABORT = 0x13;
    static final int QUIT = 0x1F;

    // server → client
    static final int HELLO = 0x01;
    static final int READY = 0x03;
    static final int ACCEPTED = 0x20;
    static final int TEMPFAIL = 0x21;
    static final int PERMFAIL = 0x22;
    static final int BYE = 0x30;
    static final int ERROR = 0x7F;

    /** The problem codes of ERROR frames. */
    enum Problem {
        UNSUPPORTED_VERSION(1),
        UNKNOWN_FRAME(2),
        FRAME_TOO_LONG(3),
        MALFORMED_FRAME(4),
        OUT_OF_ORDER(5),
        END_MISMATCH(6);

        final int code;

        Problem(int code) {
            this.code = code;
        }
    }

    private Wire() {
    }

    static String typeName(int type) {
        return switch (type) {
            case VERSION -> "VERSION";
            case MESSAGE -> "MESSAGE";
            case DATA -> "DATA";
            case END -> "END";
            case ABORT -> "ABORT";
            case QUIT -> "QUIT";
            default -> String.format("0x%02X", type);
        };
    }
}
