package org.mtalistener.mail;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as RFC 5322 writes them, e.g. {@code Sat, 8 Mar 2025 11:21:51 -0500}, for the greeting and headers. */
public final class MailDate {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private MailDate() {
    }

    public static String now(Clock clock) {
        return RFC_5322.format(ZonedDateTime.now(clock));
    }
}
