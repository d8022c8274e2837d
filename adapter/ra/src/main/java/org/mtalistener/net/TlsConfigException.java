package org.mtalistener.net;

/** A TLS setting that cannot work: the message names the file or value and what is wrong with it. */
public final class TlsConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The option the problem belongs to, e.g. {@code TLS_Key}; null while not known yet. */
    private final String option;

    TlsConfigException(String message) {
        this(null, message);
    }

    TlsConfigException(String option, String message) {
        super(message);
        this.option = option;
    }

    public String option() {
        return option;
    }

    TlsConfigException withOption(String name) {
        return option != null ? this : new TlsConfigException(name, getMessage());
    }
}
