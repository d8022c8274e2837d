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

    Ledger(String run, int messages) {
        this.run = run;
        this.outcomes = new Outcome[messages];
    }

    public String run() {
        return run;
    }

    public int messages() {
        return outcomes.length;
    }

    public Fault fault(int number) {
        return Fault.forNumber(number);
    }

    /** Each number is recorded by the one thread that sent it; read once the senders are joined. */
    void record(int number, Outcome outcome) {
        outcomes[number] = outcome;
    }

    public Outcome outcome(int number) {
        return outcomes[number];
    }

    /** Compares what the senders were told with what this run left in {@code maildir} (its new/ and cur/). */
    public Reconciliation reconcile(Path maildir) throws IOException {
        List<List<String>> stored = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            stored.add(new ArrayList<>(1));
        }
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
        return Reconciliation.of(this, stored);
    }

    /** The queue id the adapter wrote in its Received header ("... with ESMTP id ID"), or "" if none. */
    private static String receivedId(byte[] content) {
        Matcher m = RECEIVED_ID.matcher(String.valueOf(LedgerMessage.header(content, "Received")));
        return m.find() ? m.group(1) : "";
    }
}
