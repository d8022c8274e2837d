package org.mtalistener.conf.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mtalistener.conf.parse.Node;
import org.mtalistener.conf.parse.Option;
import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.parse.Scope;
import org.mtalistener.conf.parse.Value;

/**
 * Reads the {@code Authorization} scope and its {@code Role} scopes into an {@link Authorization}: each allow
 * expression compiled here, so a bad one is an error of the conf file, at its position, not of the first command.
 */
final class Roles {

    static final String EXAMPLE = "Authorization { Role \"admin\" { allow = ( \"^config\" \"^summary$\" ) } }";
    private static final String ROLE_EXAMPLE = "Role \"admin\" { allow = ( \"^summary$\" ) }";

    private final BiConsumer<Position, String> error;

    /** @param error learns each problem; reading goes on, so that one run shows them all */
    Roles(BiConsumer<Position, String> error) {
        this.error = error;
    }

    /** Whether {@code node} belongs in an Authorization scope or is one: written anywhere else, it is misplaced. */
    static boolean isAuthorizationScope(Node node) {
        return node instanceof Scope && (node.is("Authorization") || node.is("Role"));
    }

    /** The message for an Authorization or Role scope written inside {@code where}, e.g. "Control_Listener". */
    static String misplaced(Node node, String where) {
        return node.is("Role")
                ? "a Role scope belongs inside the top-level Authorization scope, as in " + EXAMPLE
                : "the Authorization scope is written at the top level of the file, not inside " + where;
    }

    /** The top-level {@code Authorization { Role ... }}. */
    Authorization authorization(Scope scope) {
        if (!scope.isAnonymous()) {
            error.accept(scope.position(), "Authorization takes no name, got \"" + scope.instance() + "\" (write "
                    + EXAMPLE + ")");
        }
        return new Authorization(roles(scope.body(), "Authorization"), scope.position());
    }

    /** The Role scopes of {@code body}; anything else in it is an error. */
    List<Authorization.Role> roles(List<Node> body, String where) {
        Map<String, Authorization.Role> roles = new LinkedHashMap<>();
        for (Node node : body) {
            if (!(node instanceof Scope scope) || !scope.is("Role")) {
                error.accept(node.position(), "expected Role scopes in " + where + ", got the "
                        + (node instanceof Scope ? "scope " : "option ") + node.name() + " (write " + ROLE_EXAMPLE
                        + ")");
            } else if (scope.isAnonymous()) {
                error.accept(scope.position(), "a Role needs a name, as in " + ROLE_EXAMPLE);
            } else {
                Authorization.Role role = role(scope);
                Authorization.Role first = roles.putIfAbsent(scope.instance().toLowerCase(Locale.ROOT), role);
                if (first != null) {
                    error.accept(scope.position(), "Role \"" + scope.instance() + "\" is written twice (first at "
                            + first.position() + "); write every allow expression of the role in one Role scope");
                }
            }
        }
        return List.copyOf(roles.values());
    }

    private Authorization.Role role(Scope scope) {
        String role = "Role \"" + scope.instance() + "\"";
        Option allow = null;
        List<Pattern> patterns = new ArrayList<>();
        for (Node node : scope.body()) {
            if (!(node instanceof Option option) || !option.is("allow")) {
                error.accept(node.position(), role + ": expected allow = ( \"regex\" ... ), got the "
                        + (node instanceof Scope ? "scope " : "option ") + node.name() + " (a Role takes allow only)");
            } else if (allow != null) {
                error.accept(option.position(), role + ": allow is written twice (first at " + allow.position()
                        + "); write every expression in one allow = ( ... )");
            } else {
                allow = option;
                patterns.addAll(patterns(role, option.value()));
            }
        }
        if (allow == null) {
            error.accept(scope.position(), role + " has no allow, so it allows nothing (write " + role
                    + " { allow = ( \"^summary$\" ) }, or remove the Role)");
        }
        return new Authorization.Role(scope.instance(), patterns, scope.position());
    }

    /** {@code allow = ( "a" "b" )}, or one expression written alone. */
    private List<Pattern> patterns(String role, Value value) {
        List<Value> items = value instanceof Value.Array array ? array.items() : List.of(value);
        List<Pattern> patterns = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof Value.Text text)) {
                error.accept(item.position(), role + ": allow takes regular expressions, got " + item
                        + " (write allow = ( \"^config\" \"^summary$\" ))");
                continue;
            }
            try {
                patterns.add(Pattern.compile(text.text()));
            } catch (PatternSyntaxException e) {
                error.accept(text.position(), role + ": allow \"" + text.text() + "\" is not a regular expression ("
                        + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + "); write a "
                        + "Java regular expression such as \"^config\", with a backslash before a literal ( ) [ { "
                        + "* + ? or \\");
            }
        }
        return patterns;
    }
}
