package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.conf.model.Load.conf;
import static org.mtalistener.conf.model.Load.errors;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtalistener.conf.parse.ConfError;
import org.mtalistener.conf.parse.ConfException;

/** The top-level Authorization scope: roles in order, allow expressions compiled at load, mistakes at their place. */
class AuthorizationTest {

    private static final String ROLES = """
            Authorization {
              Role "root"  { allow = ( ".*" ) }
              Role "admin" { allow = ( "^config" "^summary$" ) }
            }
            """;

    @Test
    void theRolesOfMomentumsExampleLoadInOrder() throws Exception {
        Configuration configuration = conf(ROLES + "Control_Listener { Listen \"/tmp/2025\" { } }");
        Authorization authorization = configuration.authorization().orElseThrow();
        assertEquals(List.of("root", "admin"), authorization.roles().stream().map(Authorization.Role::name).toList());
        assertEquals("test.conf:1:1", authorization.position().toString());
        assertEquals("test.conf:3:3", authorization.roles().get(1).position().toString());
        assertEquals(List.of(), configuration.notices(), "Authorization is read, not a notice");
    }

    @Test
    void aRoleAllowsTheCommandLinesOneOfItsExpressionsIsFoundIn() throws Exception {
        Authorization authorization = conf(ROLES).authorization().orElseThrow();
        Authorization.Role admin = authorization.role("ADMIN").orElseThrow();
        assertTrue(admin.allows("config set esmtp_listener listen :25 enable false"));
        assertTrue(admin.allows("summary"));
        assertFalse(admin.allows("summary reset"), "^summary$ is the whole line");
        assertFalse(admin.allows("shutdown"));
        assertFalse(admin.allows("show config"), "^config anchors at the start");
        assertTrue(authorization.allows(List.of("admin"), "config reload"));
        assertTrue(authorization.allows(List.of("nobody", "root"), "shutdown"));
        assertFalse(authorization.allows(List.of("nobody"), "version"), "an unknown role allows nothing");
        assertFalse(authorization.allows(List.of(), "version"), "default deny");
    }

    @Test
    void theRolesGoToConfTextAndBack() throws Exception {
        Authorization authorization = conf(ROLES).authorization().orElseThrow();
        String text = authorization.text();
        assertEquals("Role \"root\" { allow = ( \".*\" ) } Role \"admin\" { allow = ( \"^config\" \"^summary$\" ) }",
                text);
        assertEquals(text, ConfLoader.roles(text, "activation property authorizationRoles").text());
        // quotes and backslashes survive the trip
        Authorization escaped = conf("""
                Authorization { Role "q" { allow = ( "^say \\"hi\\"" "\\d+$" ) } }
                """).authorization().orElseThrow();
        assertEquals(List.of("^say \"hi\"", "\\d+$"),
                escaped.roles().get(0).allow().stream().map(java.util.regex.Pattern::pattern).toList());
        assertEquals(escaped.text(), ConfLoader.roles(escaped.text(), "p").text());
        assertTrue(ConfLoader.roles(escaped.text(), "p").allows(List.of("q"), "say \"hi\""));
    }

    @Test
    void anEmptyAuthorizationHasNoRolesAndNoAuthorizationIsNone() throws Exception {
        assertEquals(List.of(), conf("Authorization { }").authorization().orElseThrow().roles());
        assertEquals("", conf("Authorization { }").authorization().orElseThrow().text());
        assertTrue(conf("Control_Listener { Listen \"/tmp/2025\" { } }").authorization().isEmpty());
    }

    @Test
    void aBadExpressionIsReportedAtItWithTheRoleAndTheWayOut() {
        assertEquals(List.of("test.conf:2:39: Role \"admin\": allow \"^config(\" is not a regular expression "
                        + "(Unclosed group at index 8); write a Java regular expression such as \"^config\", with a "
                        + "backslash before a literal ( ) [ { * + ? or \\"),
                errors("""
                        Authorization {
                          Role "admin" { allow = ( "^summary" "^config(" ) }
                        }
                        """));
    }

    @Test
    void aRoleWrittenTwiceOrWithoutNameOrAllowIsAnError() {
        assertEquals(List.of(
                        "test.conf:2:18: Role \"Admin\": expected allow = ( \"regex\" ... ), got the option deny (a Role "
                                + "takes allow only)",
                        "test.conf:2:3: Role \"Admin\" has no allow, so it allows nothing (write Role \"Admin\" { allow = "
                                + "( \"^summary$\" ) }, or remove the Role)",
                        "test.conf:3:3: Role \"admin\" is written twice (first at test.conf:2:3); write every allow "
                                + "expression of the role in one Role scope",
                        "test.conf:4:3: a Role needs a name, as in Role \"admin\" { allow = ( \"^summary$\" ) }",
                        "test.conf:5:3: expected Role scopes in Authorization, got the option allow (write Role "
                                + "\"admin\" { allow = ( \"^summary$\" ) })",
                        "test.conf:6:30: Role \"x\": allow is written twice (first at test.conf:6:14); write every "
                                + "expression in one allow = ( ... )"),
                errors("""
                        Authorization {
                          Role "Admin" { deny = ( "^shutdown" ) }
                          Role "admin" { allow = ( "^summary$" ) }
                          Role { allow = ( ".*" ) }
                          allow = ( ".*" )
                          Role "x" { allow = ( "a" ) allow = ( "b" ) }
                        }
                        """));
    }

    @Test
    void aMisplacedRoleOrAuthorizationSaysWhereItGoes() {
        String example = "Authorization { Role \"admin\" { allow = ( \"^config\" \"^summary$\" ) } }";
        assertEquals(List.of(
                        "test.conf:1:1: a Role scope belongs inside the top-level Authorization scope, as in " + example,
                        "test.conf:3:3: a Role scope belongs inside the top-level Authorization scope, as in " + example,
                        "test.conf:4:3: the Authorization scope is written at the top level of the file, not inside "
                                + "Control_Listener",
                        "test.conf:5:24: a Role scope belongs inside the top-level Authorization scope, as in "
                                + example,
                        "test.conf:8:1: Authorization is written twice (first at test.conf:7:1); write one "
                                + "Authorization scope with every Role in it",
                        "test.conf:9:1: Authorization is written twice (first at test.conf:7:1); write one "
                                + "Authorization scope with every Role in it"),
                errors("""
                        Role "admin" { allow = ( ".*" ) }
                        Control_Listener {
                          Role "admin" { allow = ( ".*" ) }
                          Authorization { }
                          Listen "/tmp/2025" { Role "x" { allow = ( "a" ) } }
                        }
                        Authorization { }
                        Authorization { }
                        Authorization "console" { }
                        """));
        assertEquals(List.of("test.conf:1:1: Authorization takes no name, got \"console\" (write " + example + ")"),
                errors("Authorization \"console\" { Role \"root\" { allow = ( \".*\" ) } }"));
    }

    @Test
    void enableAuthorizationWithoutRolesIsAnError() {
        assertEquals(List.of("test.conf:3:43: Enable_Authorization = true, but the file has no Authorization scope, "
                        + "so every command would be refused: add one at the top level, e.g. Authorization { Role "
                        + "\"admin\" { allow = ( \"^config\" \"^summary$\" ) } }"),
                errors("""
                        Control_Listener {
                          Enable_Authorization = false
                          Listen "/tmp/2025" { Peer "127.0.0.1" { Enable_Authorization = true } }
                        }
                        """));
    }

    @Test
    void rolesInAPropertyAreCheckedAsInTheFile() {
        ConfException e = assertThrows(ConfException.class, () -> ConfLoader.roles(
                "Role \"admin\" { allow = ( \"[\" ) } Peer \"10.0.0.0/8\" { }", "activation property authorizationRoles"));
        assertEquals(List.of("activation property authorizationRoles:1:26: Role \"admin\": allow \"[\" is not a regular "
                        + "expression (Unclosed character class at index 0); write a Java regular expression such as "
                        + "\"^config\", with a backslash before a literal ( ) [ { * + ? or \\",
                        "activation property authorizationRoles:1:34: expected Role scopes in activation property "
                                + "authorizationRoles, got the scope Peer (write Role \"admin\" { allow = ( \"^summary$\" "
                                + ") })"),
                e.errors().stream().map(ConfError::toString).toList());
    }
}
