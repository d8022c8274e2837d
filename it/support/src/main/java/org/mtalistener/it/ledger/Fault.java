package org.mtalistener.it.ledger;

import java.util.Locale;

/** What {@link LedgerMdb} does with a message, as its {@value LedgerMessage#FAULT_HEADER} header asks. */
public enum Fault {
    /** stored on commit, answered 250 */
    NONE,
    /** the MDB throws: the delivery rolls back, the sender gets 4xx */
    THROW,
    /** the MDB marks the transaction rollback-only and returns normally: the sender gets 4xx all the same */
    ROLLBACK;

    /** The header value naming this fault. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fault a header value names; no header (null) or an unknown value is {@link #NONE}. */
    public static Fault of(String headerValue) {
        for (Fault fault : values()) {
            if (fault.headerValue().equalsIgnoreCase(headerValue == null ? "" : headerValue.trim())) {
                return fault;
            }
        }
        return NONE;
    }

    /** The ledger's share of faults: about 5 % {@link #THROW} and 5 % {@link #ROLLBACK}, the same for a number every run. */
    public static Fault forNumber(int number) {
        return switch (number % 20) {
            case 7 -> THROW;
            case 13 -> ROLLBACK;
            default -> NONE;
        };
    }
}
