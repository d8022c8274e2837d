package org.mtalistener.it.ledger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A ledger set against the store: how many messages fell under each {@link Tally}, and which. The promise is kept
 * when no breach has a member: nothing acknowledged is missing, no injected fault was answered otherwise than 4xx
 * or stored, and every 250 named the queue id the stored copy carries.
 */
public final class Reconciliation {

    /** The counts, in the order of the summary line; the explanation is printed with the numbers concerned. */
    public enum Tally {
        ACKNOWLEDGED("acknowledged", false, null),
        STORED("stored", false, null),
        LOST("lost", true, "answered 250, not in the Maildir"),
        TEMPORARY("4xx", false, null),
        PERMANENT("5xx", false, null),
        NO_REPLY("no reply", false, null),
        NOT_SENT("not sent", false, null),
        FAULTS("faults injected", false, null),
        FAULTS_REFUSED("faults answered 4xx", false, null),
        FAULTS_NOT_4XX("faults answered otherwise", true, "a throw/rollback message answered other than 4xx"),
        FAULTS_STORED("faults stored", true, "a throw/rollback message stored although its transaction rolled back"),
        STORED_WITHOUT_REPLY("stored without reply", false, "sent whole, the connection died before the reply (the"
                + " 250 was lost with a killed or stopping server after the commit): a duplicate on the sender's"
                + " retry, not a loss"),
        STORED_THOUGH_REFUSED("stored though refused", false, "answered 4xx/5xx yet stored: a duplicate on the"
                + " sender's retry"),
        STORED_UNSENT("stored though not sent", false, "stored although the client never finished its DATA"),
        STORED_TWICE("stored twice", false, "sent once, stored more than once: the adapter delivered it twice"),
        WRONG_QUEUE_ID("queue id mismatch", true, "the 250 named another queue id than the stored copy's Received");

        private final String label;
        private final boolean breach;
        private final String meaning;

        Tally(String label, boolean breach, String meaning) {
            this.label = label;
            this.breach = breach;
            this.meaning = meaning;
        }
    }

    private static final int EXAMPLES = 10;

    private final Map<Tally, List<Integer>> numbers = new EnumMap<>(Tally.class);

    private Reconciliation() {
        for (Tally tally : Tally.values()) {
            numbers.put(tally, new ArrayList<>());
        }
    }

    /** @param stored for each number, the queue ids of its stored copies (none if it was not stored) */
    static Reconciliation of(Ledger ledger, List<List<String>> stored) {
        Reconciliation r = new Reconciliation();
        for (int n = 0; n < ledger.messages(); n++) {
            Outcome outcome = ledger.outcome(n);
            List<String> copies = stored.get(n);
            boolean isStored = !copies.isEmpty();
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    r.add(Tally.ACKNOWLEDGED, n);
                    if (!isStored) {
                        r.add(Tally.LOST, n);
                    } else if (!copies.contains(outcome.queueId())) {
                        r.add(Tally.WRONG_QUEUE_ID, n);
                    }
                }
                case TEMPORARY, PERMANENT -> {
                    r.add(outcome.kind() == Outcome.Kind.TEMPORARY ? Tally.TEMPORARY : Tally.PERMANENT, n);
                    r.addIf(isStored, Tally.STORED_THOUGH_REFUSED, n);
                }
                case NO_REPLY -> {
                    r.add(Tally.NO_REPLY, n);
                    r.addIf(isStored, Tally.STORED_WITHOUT_REPLY, n);
                }
                case NOT_SENT -> {
                    r.add(Tally.NOT_SENT, n);
                    r.addIf(isStored, Tally.STORED_UNSENT, n);
                }
            }
            r.addIf(isStored, Tally.STORED, n);
            r.addIf(copies.size() > 1, Tally.STORED_TWICE, n);
            if (ledger.fault(n) != Fault.NONE) {
                r.add(Tally.FAULTS, n);
                r.addIf(outcome.kind() == Outcome.Kind.TEMPORARY, Tally.FAULTS_REFUSED, n);
                r.addIf(outcome.kind() == Outcome.Kind.ACCEPTED || outcome.kind() == Outcome.Kind.PERMANENT,
                        Tally.FAULTS_NOT_4XX, n);
                r.addIf(isStored, Tally.FAULTS_STORED, n);
            }
        }
        return r;
    }

    private void add(Tally tally, int number) {
        numbers.get(tally).add(number);
    }

    private void addIf(boolean condition, Tally tally, int number) {
        if (condition) {
            add(tally, number);
        }
    }

    public int count(Tally tally) {
        return numbers.get(tally).size();
    }

    /** The message numbers under {@code tally}, ascending. */
    public List<Integer> numbers(Tally tally) {
        return List.copyOf(numbers.get(tally));
    }

    public boolean promiseKept() {
        return numbers.entrySet().stream().noneMatch(e -> e.getKey().breach && !e.getValue().isEmpty());
    }

    /** One line: {@code acknowledged N, stored M, lost L, 4xx …}. */
    public String summary() {
        return numbers.entrySet().stream().map(e -> e.getKey().label + " " + e.getValue().size())
                .collect(Collectors.joining(", "));
    }

    /** A line for each tally with a meaning and members: what it means and its first numbers. */
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        numbers.forEach((tally, members) -> {
            if (tally.meaning != null && !members.isEmpty()) {
                lines.add((tally.breach ? "BREACH " : "") + tally.label + " " + members.size() + ": " + tally.meaning
                        + "; e.g. " + members.stream().limit(EXAMPLES).map(n -> "#" + n)
                        .collect(Collectors.joining(" ")));
            }
        });
        return lines;
    }

    @Override
    public String toString() {
        return summary() + (details().isEmpty() ? "" : "\n" + String.join("\n", details()));
    }
}
