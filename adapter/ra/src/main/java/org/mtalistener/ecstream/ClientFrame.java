package org.mtalistener.ecstream;

import java.util.List;
import java.util.Map;

/**
 * What {@link EcstreamDecoder} makes of the client's frames. DATA payloads are not among them: they reach the
 * session as retained {@code ByteBuf} slices, as the bytes arrive.
 */
sealed interface ClientFrame {

    record Version(int version) implements ClientFrame {
    }

    /** MESSAGE: the envelope as sent, parameters in their order (duplicates kept); the session checks it. */
    record MessageStart(long tag, String sender, List<String> recipients, List<Map.Entry<String, String>> parameters)
            implements ClientFrame {
    }

    record End(long tag, long length) implements ClientFrame {
    }

    record Abort(long tag) implements ClientFrame {
    }

    record Quit() implements ClientFrame {
    }

    /** The input cannot be framed any further; the decoder emits nothing after this. */
    record Malformed(Wire.Problem problem, String text) implements ClientFrame {
    }
}
