package org.mtalistener.conf.options;

/**
 * A value, name or place that an option does not accept. The message names the option, the value and the way out,
 * e.g. {@code Max_Message_Size: "10MB" is not a byte count (use 10485760)}; the conf parser puts the file, line and
 * column in front of it.
 */
public final class OptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }

    public OptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
