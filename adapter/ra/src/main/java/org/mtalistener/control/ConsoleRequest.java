package org.mtalistener.control;

/** One request frame of a console client. */
sealed interface ConsoleRequest {

    /** A command line (type 1). */
    record Command(String line) implements ConsoleRequest {
    }

    /** One step of a SASL exchange (type 3). */
    record Auth(String payload) implements ConsoleRequest {
    }

    /** A frame that breaks the framing: the session answers with {@code problem} and closes. */
    record Bad(String problem) implements ConsoleRequest {
    }
}
