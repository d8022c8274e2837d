package org.mtalistener.conf.values;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names closest to a misspelt one, by edit distance on lower-cased names. Underscores count too, but a name
 * written without them ({@code maxmessagesize}, a property name) is as close as one written with them. When no name
 * is that close, the few names that begin with what was written. On the lowest floor, since both the option registry
 * (option names) and the parser (Momentum 2.x ACL properties) suggest names.
 */
public final class DidYouMean {

    /** Suggestions shown at most. */
    static final int MOST = 3;

    private DidYouMean() {
    }

    /**
     * The canonical names whose spellings (names and aliases, mapped to their canonical name) are close to
     * {@code written}: nearest first, at most {@link #MOST}, none when nothing is close.
     */
    public static List<String> closest(String written, Map<String, String> spellingToName) {
        String typed = written.strip().toLowerCase(Locale.ROOT);
        // Allow about one slip per four characters, between 1 and 3: "Enabled" finds Enable, "Foo" finds nothing.
        int allowed = Math.max(1, Math.min(3, typed.length() / 4));
        record Candidate(String name, int distance) {
        }
        List<Candidate> near = spellingToName.entrySet().stream()
                .map(e -> new Candidate(e.getValue(), distance(typed, e.getKey().toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= allowed)
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .toList();
        if (near.isEmpty()) {
            return namesStartingWith(typed, spellingToName);
        }
        // Only the nearest and those one step behind: a far second guess is noise.
        int best = near.get(0).distance();
        return near.stream().filter(c -> c.distance() <= best + 1).map(Candidate::name).distinct().limit(MOST)
                .toList();
    }

    /**
     * A name cut short ({@code TLS_Verify}, {@code Enable_Auth}) is far from the whole by edit distance, but plainly
     * meant: the names it begins, when they are few. Not for very short text, which begins too many names.
     */
    private static List<String> namesStartingWith(String typed, Map<String, String> spellingToName) {
        if (typed.length() < 6) {
            return List.of();
        }
        List<String> names = spellingToName.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith(typed))
                .map(Map.Entry::getValue).distinct().sorted().toList();
        return names.size() <= MOST ? names : List.of();
    }

    static int distance(String a, String b) {
        return Math.min(levenshtein(a, b), levenshtein(a.replace("_", ""), b.replace("_", "")));
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
