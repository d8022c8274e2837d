package org.mtalistener.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line names: the consoles to ask and the command. The first word is always an endpoint; the words
 * after it that are endpoints too ({@code /run/b.sock}, {@code host:port}, {@code user@…}) or {@code @FILE} (a file
 * of endpoints, one a line, {@code #} comments) add nodes of a fleet; the first word that is neither starts the
 * command. No command word looks like an endpoint: none starts with {@code /}, {@code .} or {@code @}, none holds a
 * colon.
 *
 * @param endpoints the consoles, in the order written
 * @param fleet     whether the answers are to be merged: more than one endpoint, or any read from a file
 * @param command   the command's words; empty when none was given
 */
record Targets(List<Endpoint> endpoints, boolean fleet, List<String> command) {

    /**
     * @throws IllegalArgumentException when the first word, or a line of a file, is no endpoint
     * @throws IOException              when a file of endpoints cannot be read
     */
    static Targets parse(List<String> words) throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        boolean fromFile = false;
        int i = 0;
        for (; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("@") && word.length() > 1) {
                endpoints.addAll(read(Path.of(word.substring(1))));
                fromFile = true;
            } else if (i == 0) {
                endpoints.add(Endpoint.parse(word));
            } else if (isEndpoint(word)) {
                endpoints.add(Endpoint.parse(word));
            } else {
                break;
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(words.isEmpty() ? "no endpoint" : "\"" + words.get(0) + "\" names no endpoint");
        }
        return new Targets(List.copyOf(endpoints), fromFile || endpoints.size() > 1,
                List.copyOf(words.subList(i, words.size())));
    }

    private static boolean isEndpoint(String word) {
        try {
            Endpoint.parse(word);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // the command starts here
        }
    }

    /** The endpoints of a file, one a line; blank lines and {@code #} comments skipped; errors name file:line. */
    static List<Endpoint> read(Path file) throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                endpoints.add(Endpoint.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return endpoints;
    }
}
