package org.mtalistener.conf.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.values.ConfString;

/**
 * The top-level {@code Authorization} scope: the console's roles, each a list of regular expressions that allow the
 * command lines they are found in (Momentum 4, support-docs {@code 4/control-authz}):
 * <pre>
 * Authorization {
 *   Role "root"  { allow = ( ".*" ) }
 *   Role "admin" { allow = ( "^config" "^summary$" ) }
 * }
 * </pre>
 * Who has which role comes from {@code AuthorizationParameters}; {@code Enable_Authorization} turns the check on.
 *
 * @param roles    in the order written, names unique (compared ignoring case)
 * @param position where {@code Authorization} was written (for roles read from a property: that property, line 1);
 *                 null for the no roles of a console that has none
 */
public record Authorization(List<Role> roles, Position position) {

    public Authorization {
        roles = List.copyOf(roles);
    }

    /**
     * One {@code Role "name" { allow = ( ... ) }}.
     *
     * @param allow the regular expressions (Java syntax, compiled at load time), in the order written; one that is
     *              found anywhere in a command line allows it
     */
    public record Role(String name, List<Pattern> allow, Position position) {

        public Role {
            allow = List.copyOf(allow);
        }

        /** Whether one of the allow expressions is found in {@code commandLine}. */
        public boolean allows(String commandLine) {
            return allow.stream().anyMatch(pattern -> pattern.matcher(commandLine).find());
        }

        /** As conf text on one line: {@code Role "admin" { allow = ( "^config" "^summary$" ) }}. */
        public String text() {
            return "Role " + ConfString.quoted(name) + " { allow = ("
                    + allow.stream().map(p -> " " + ConfString.quoted(p.pattern())).collect(Collectors.joining()) + " ) }";
        }
    }

    /** The role named {@code name}, ignoring case (as the roles file may spell it). */
    public Optional<Role> role(String name) {
        return roles.stream().filter(role -> role.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Whether one of {@code roleNames} allows {@code commandLine}: default deny, the first allow expression found
     * allows; an unknown role name allows nothing.
     */
    public boolean allows(List<String> roleNames, String commandLine) {
        return roleNames.stream().map(this::role).flatMap(Optional::stream).anyMatch(r -> r.allows(commandLine));
    }

    /**
     * The roles as conf text on one line, as the mapper writes them into the {@code authorizationRoles} activation
     * property and {@link ConfLoader#roles} reads them back; empty for no roles.
     */
    public String text() {
        return roles.stream().map(Role::text).collect(Collectors.joining(" "));
    }
}
