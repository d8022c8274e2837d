package org.mtalistener.it.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run's record: for each numbered message, the fault it asked for and what its sender was told; and, against
 * the Maildir, which of them were stored and under which queue id.
 */
public final class Ledger {

    private static final Pattern RECEIVED_ID = Pattern.compile(" id ([^\\s;]+)");

    private final String run;
    private final Outcome[] outcomes;
    private final boolean faults;

    /** A run whose messages ask for the ledger's faults ({@link Fault#forNumber}). */
    Ledger(String run, int messages) {
        this(run, messages, true);
    }

    /**
     * @param faults whether messages ask for faults; without them any MDB that stores what it takes (the sample's)
     *               can be the one under test
     */
    Ledger(String run, int messages, boolean faults) {
        this.run = run;
        this.outcomes = new Outcome[messages];
        this.faults = faults;
    }

    public String run() {
        return run;
    }

    public int messages() {
        return outcomes.length;
    }

    public Fault fault(int number) {
        return faults ? Fault.forNumber(number) : Fault.NONE;
    }

    /** Each number is recorded by the one thread that sent it; read once the senders are joined. */
    void record(int number, Outcome outcome) {
        outcomes[number] = outcome;
    }

    public Outcome outcome(int number) {
        return outcomes[number];
    }

    /**
     * Compares what the senders were told with what this run left in {@code maildirs} (their new/ and cur/): one
     * store, or one per node of a cluster, where a message stored by any node is stored.
     */
    public Reconciliation reconcile(Path... maildirs) throws IOException {
        List<List<String>> stored = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            stored.add(new ArrayList<>(1));
        }
        for (Path maildir : maildirs) {
            scan(maildir, stored);
        }
        return Reconciliation.of(this, stored);
    }

    /** Adds the queue ids of this run's messages in {@code maildir} to {@code stored}, by number. */
    private void scan(Path maildir, List<List<String>> stored) throws IOException {
        for (String folder : new String[] {"new", "cur"}) {
            Path dir = maildir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    byte[] content = Files.readAllBytes(file);
                    String[] id = String.valueOf(LedgerMessage.header(content, LedgerMessage.NUMBER_HEADER)).split(" ");
                    if (id.length == 2 && id[0].equals(run)) {
                        stored.get(Integer.parseInt(id[1])).add(receivedId(content));
                    }
                }
            }
        }
    }

    /** The queue id the adapter wrote in its Received header ("... with ESMTP id ID"), or "" if none. */
    private static String receivedId(byte[] content) {
        Matcher m = RECEIVED_ID.matcher(String.valueOf(LedgerMessage.header(content, "Received")));
        return m.find() ? m.group(1) : "";
    }
}
