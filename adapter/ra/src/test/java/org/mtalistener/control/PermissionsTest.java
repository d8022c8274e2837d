package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionsTest {

    @TempDir
    Path dir;

    private final Permissions permissions = new Permissions(
            Map.of("admin", List.of(Pattern.compile(".")),
                    "monitor", List.of(Pattern.compile("^summary$"), Pattern.compile("^show "))),
            Map.of("alice", Set.of("admin"), "bob", Set.of("monitor"), "carol", Set.of("nosuchrole")));

    @Test
    void aCommandRunsWhenOneExpressionOfOneOfTheUsersRolesFindsIt() {
        assertTrue(permissions.allows("alice", "shutdown"));
        assertTrue(permissions.allows("bob", "summary"));
        assertTrue(permissions.allows("bob", "show inbound"));
    }

    @Test
    void everythingElseIsDenied() {
        assertFalse(permissions.allows("bob", "summary reset"), "^summary$ does not find \"summary reset\"");
        assertFalse(permissions.allows("bob", "shutdown"));
        assertFalse(permissions.allows("carol", "summary"), "a role without expressions allows nothing");
        assertFalse(permissions.allows("mallory", "summary"), "a user in no group");
    }

    @Test
    void theGroupsFileGivesEachUserTheRolesThatNameThem() throws IOException {
        Path groups = Files.writeString(dir.resolve("groups"), """
                # roles of the console
                admin:alice, dave

                monitor:unused:bob,alice
                """);

        Map<String, Set<String>> roles = Permissions.readGroups("groups://" + groups);

        assertEquals(Map.of("alice", Set.of("admin", "monitor"), "dave", Set.of("admin"), "bob", Set.of("monitor")),
                roles);
    }

    @Test
    void aWrongLineIsNamedWithItsFileAndNumber() throws IOException {
        Path groups = Files.writeString(dir.resolve("groups"), "admin:alice\njust-a-name\n");

        IOException e = assertThrows(IOException.class, () -> Permissions.readGroups("groups://" + groups));

        assertEquals(groups + ":2: expected ROLE:USER,USER or ROLE:UNUSED:USER,USER, got \"just-a-name\"",
                e.getMessage());
    }

    @Test
    void onlyAGroupsUriWithAPathIsTaken() {
        IOException scheme = assertThrows(IOException.class, () -> Permissions.readGroups("file:///etc/group"));
        assertEquals("AuthorizationParameters uri \"file:///etc/group\": expected groups:///PATH", scheme.getMessage());
        IOException syntax = assertThrows(IOException.class, () -> Permissions.readGroups("groups://a b"));
        assertTrue(syntax.getMessage().startsWith("AuthorizationParameters uri \"groups://a b\": "), syntax.getMessage());
        assertTrue(syntax.getMessage().endsWith("(expected groups:///PATH)"), syntax.getMessage());
    }
}
