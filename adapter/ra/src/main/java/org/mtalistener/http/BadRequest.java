package org.mtalistener.http;

/**
 * A request the listener will not take, with the field to blame: the client hears {@code status} and a JSON error
 * naming {@code field} (e.g. {@code recipients[1].to}) and saying what is wrong and how to put it right.
 */
final class BadRequest extends Exception {

    private final int status;
    private final String field;

    BadRequest(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    BadRequest(String field, String message) {
        this(400, field, message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
