package org.mtalistener.control;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which console commands a user may run: the roles of the conf file's {@code Authorization} stanza, each a list of
 * regular expressions searched in the command line, and the users of each role from a {@code groups://} file.
 * Default deny: a command runs when one expression of one of the user's roles matches it.
 */
public final class Permissions {

    private final Map<String, List<Pattern>> roles;
    private final Map<String, Set<String>> rolesOfUser;

    /**
     * @param roles       role name → its {@code allow} expressions, in conf order
     * @param rolesOfUser user → the roles the groups file gives them
     */
    public Permissions(Map<String, List<Pattern>> roles, Map<String, Set<String>> rolesOfUser) {
        this.roles = Map.copyOf(roles);
        this.rolesOfUser = Map.copyOf(rolesOfUser);
    }

    public boolean allows(String user, String commandLine) {
        for (String role : rolesOfUser.getOrDefault(user, Set.of())) {
            for (Pattern allow : roles.getOrDefault(role, List.of())) {
                if (allow.matcher(commandLine).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a {@code groups:///path} file: {@code role:user1,user2} or {@code role:unused:user1,user2} lines,
     * {@code #} comments and blank lines skipped. Runs on a container thread (activation, reload).
     *
     * @throws IOException naming the file and the line that is wrong
     */
    public static Map<String, Set<String>> readGroups(String uri) throws IOException {
        Path file = groupsPath(uri);
        Map<String, Set<String>> rolesOfUser = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length < 2 || fields.length > 3 || fields[0].isBlank()) {
                throw new IOException(file + ":" + (i + 1) + ": expected ROLE:USER,USER or ROLE:UNUSED:USER,USER, got \""
                        + line + "\"");
            }
            String role = fields[0].strip();
            for (String user : fields[fields.length - 1].split(",")) {
                if (!user.isBlank()) {
                    rolesOfUser.computeIfAbsent(user.strip(), u -> new LinkedHashSet<>()).add(role);
                }
            }
        }
        return rolesOfUser;
    }

    private static Path groupsPath(String uri) throws IOException {
        try {
            URI parsed = new URI(uri);
            if (!"groups".equalsIgnoreCase(parsed.getScheme()) || parsed.getPath() == null
                    || parsed.getPath().isEmpty()) {
                throw new IOException("AuthorizationParameters uri \"" + uri + "\": expected groups:///PATH");
            }
            return Path.of(parsed.getPath());
        } catch (URISyntaxException e) {
            throw new IOException("AuthorizationParameters uri \"" + uri + "\": " + e.getMessage()
                    + " (expected groups:///PATH)");
        }
    }
}
