package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.conf.parse.Conf.at;
import static org.mtalistener.conf.parse.Conf.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Momentum 4 scope syntax: values, scopes, comments, names, positions. */
class ScopeSyntaxTest {

    private static Value value(String text) throws ConfException {
        return option(parse("X = " + text)).value();
    }

    private static Option option(ConfFile file) {
        assertEquals(1, file.body().size(), file::toString);
        return assertInstanceOf(Option.class, file.body().get(0));
    }

    private static String textOf(Value value) {
        return assertInstanceOf(Value.Text.class, value).text();
    }

    @Test
    void bareWordsRunToWhitespaceOrAStructuralCharacter() throws ConfException {
        assertEquals("digest:///opt/msys/ecelerity/etc/console_passwd",
                textOf(value("digest:///opt/msys/ecelerity/etc/console_passwd")));
        assertEquals("file:///opt/ecelerity/etc/smtp_passwd", textOf(value("file:///opt/ecelerity/etc/smtp_passwd")));
        assertEquals("0666", textOf(value("0666"))); // octal kept as written: typing is not the parser's job
        assertEquals("*:587,200~20", textOf(value("*:587,200~20")));
        assertEquals("a'b<c>d\\e", textOf(value("a'b<c>d\\e")));
        // a word ends at a structural character, so the next token starts there
        Scope scope = (Scope) parse("S{X=a}").body().get(0);
        assertEquals(List.of(new Option("X", Conf.text("a"), at(1, 1))), scope.body());
    }

    @Test
    void quotedStringsUnescapeOnlyQuoteAndBackslash() throws ConfException {
        assertEquals("220 my.mail.server ESMTP", textOf(value("\"220 my.mail.server ESMTP\"")));
        assertEquals("say \"hi\"", textOf(value("\"say \\\"hi\\\"\"")));
        assertEquals("a\\b", textOf(value("\"a\\\\b\"")));
        // any other backslash is kept with what follows: regular expressions and Windows names read as written
        assertEquals("^\\d+$", textOf(value("\"^\\d+$\"")));
        assertEquals("DOMAIN\\User", textOf(value("\"DOMAIN\\User\"")));
        // inside quotes nothing is structural or a comment
        assertEquals("a { } ( ) [ ] = # /* */ < >", textOf(value("\"a { } ( ) [ ] = # /* */ < >\"")));
        assertEquals("", textOf(value("\"\"")));
        assertEquals("tab\there", textOf(value("\"tab\there\"")));
    }

    @Test
    void quotedAndBareValuesAreTheSameValue() throws ConfException {
        assertEquals(parse("Enable = \"false\""), parse("Enable = false"));
        assertNotEquals(parse("Enable = \"false\""), parse("Enable = \"False\"")); // values keep their case
    }

    @Test
    void arraysAndDictionariesNest() throws ConfException {
        Value.Array array = assertInstanceOf(Value.Array.class, value("( \"a\" b ( c ) [ k = v ] )"));
        assertEquals(4, array.items().size());
        assertEquals("b", textOf(array.items().get(1)));
        assertEquals("c", textOf(assertInstanceOf(Value.Array.class, array.items().get(2)).items().get(0)));
        Value.Dict dict = assertInstanceOf(Value.Dict.class,
                value("[ uri = \"ecauth://\"  realm = my-realm  \"quoted key\" = 1 nested [ a = ( 1 2 ) ] ]"));
        assertEquals(List.of("uri", "realm", "quoted key", "nested"),
                dict.entries().stream().map(Value.Entry::key).toList());
        assertEquals("ecauth://", textOf(dict.get("uri").orElseThrow()));
        assertTrue(dict.get("URI").isEmpty(), "dictionary keys are data and compare exactly");
        Value.Dict nested = assertInstanceOf(Value.Dict.class, dict.get("nested").orElseThrow());
        assertEquals(2, assertInstanceOf(Value.Array.class, nested.get("a").orElseThrow()).items().size());
        assertEquals(0, assertInstanceOf(Value.Array.class, value("()")).items().size());
        assertEquals(0, assertInstanceOf(Value.Dict.class, value("[]")).entries().size());
    }

    @Test
    void aDictionaryOptionMayLeaveOutTheEquals() throws ConfException {
        // support-docs 4/control-authz writes "AuthDigestMD5Parameters [ ... ]"
        assertEquals(parse("AuthDigestMD5Parameters = [ uri = \"x\" ]"), parse("AuthDigestMD5Parameters [ uri = x ]"));
    }

    @Test
    void scopesAreAnonymousOrNamedByAQuotedOrBareInstance() throws ConfException {
        ConfFile file = parse("""
                ESMTP_Listener { Listen ":25" { Idle_Time = 300 } }
                ThreadPool accept-pool { Concurrency = 4 }
                Domain yahoo.com { }
                ecstream {}
                """);
        Scope listener = file.scopes("esmtp_listener").get(0);
        assertNull(listener.instance());
        assertTrue(listener.isAnonymous());
        Scope listen = listener.scope("LISTEN", ":25").orElseThrow();
        assertEquals("300", textOf(listen.options("idle_time").get(0).value()));
        assertEquals("accept-pool", file.scopes("ThreadPool").get(0).instance());
        assertEquals(parse("Domain \"yahoo.com\" {}"), parse("Domain yahoo.com {}"));
        assertEquals(4, file.body().size());
    }

    @Test
    void namesKeepTheirSpellingButCompareIgnoringCase(@TempDir Path directory) throws Exception {
        ConfFile upper = parse("ESMTP_LISTENER { LISTEN \":25\" { IDLE_TIME = 300 } }");
        ConfFile lower = parse("esmtp_listener { listen \":25\" { idle_time = 300 } }");
        assertEquals(upper, lower);
        assertEquals(upper.hashCode(), lower.hashCode());
        Scope scope = lower.scopes("ESMTP_Listener").get(0);
        assertEquals("esmtp_listener", scope.name(), "the spelling written is kept for messages");
        assertTrue(scope.is("Esmtp_Listener"));
        assertEquals(1, scope.scopes("Listen").get(0).options("Idle_Time").size());
        // instances and values are not names: they compare exactly
        assertNotEquals(parse("Domain yahoo.com {}"), parse("Domain YAHOO.COM {}"));
        // the include keyword is a name too
        Files.writeString(directory.resolve("x.conf"), "X = 1");
        assertEquals(parse("X = 1"), parse("INCLUDE \"" + directory.resolve("x.conf") + "\""));
        assertEquals(parse("X = 1"), parse("Readonly_Include \"" + directory.resolve("x.conf") + "\""));
    }

    @Test
    void includeFollowedByEqualsIsAnOption() throws ConfException {
        Option option = option(parse("include = yes"));
        assertEquals("include", option.name());
        assertEquals("yes", textOf(option.value()));
    }

    @Test
    void commentsAreSkipped() throws ConfException {
        ConfFile file = parse("""
                # a line comment { not a scope
                A = 1 # to the end of the line
                /* a block
                   comment */ B = 2
                /* comments do not nest: /* this is still the first one */ C = 3
                D = x/*inside a word a comment starts too*/
                E = "# and /* in quotes are text */"
                """);
        assertEquals(List.of("A", "B", "C", "D", "E"), file.body().stream().map(Node::name).toList());
        assertEquals("x", textOf(file.options("D").get(0).value()));
        assertEquals("# and /* in quotes are text */", textOf(file.options("E").get(0).value()));
        assertEquals(parse("A = 1 B = 2"), parse("A=1/**/B=2"));
    }

    @Test
    void whitespaceIsInsignificant() throws ConfException {
        ConfFile spread = parse("\uFEFF\r\n S \t\"i\"\r\n{\r\n\fX\n=\n( a\n b )\r\n}\r\n");
        assertEquals(parse("S \"i\" { X = ( a b ) }"), spread);
    }

    @Test
    void everyNodeKnowsItsFileLineAndColumn() throws ConfException {
        ConfFile file = parse("""
                ESMTP_Listener {
                \tListen ":25" {
                    Idle_Time = 300  Context = [ k = "v" ]
                  }
                }
                """);
        Scope listener = file.scopes("ESMTP_Listener").get(0);
        assertEquals(at(1, 1), listener.position());
        Scope listen = listener.scopes("Listen").get(0);
        assertEquals(at(2, 2), listen.position(), "a tab is one column");
        Option idle = listen.options("Idle_Time").get(0);
        assertEquals(at(3, 5), idle.position());
        assertEquals(at(3, 17), idle.value().position());
        Value.Dict context = (Value.Dict) listen.options("Context").get(0).value();
        assertEquals(at(3, 32), context.position());
        assertEquals(at(3, 34), context.entries().get(0).position());
        assertEquals(at(3, 38), context.get("k").orElseThrow().position());
        assertEquals("test.conf:3:5", idle.position().toString());
    }

    @Test
    void columnsCountCharactersNotUtf16Units() throws ConfException {
        ConfFile file = parse("A = \"\uD83D\uDCE7\" B = \u00e9");
        assertEquals(at(1, 9), file.options("B").get(0).position());
    }

    @Test
    void listenAndPeerOutsideAListenerAreNotChecked() throws ConfException {
        // only a listener's Listen and Peer scopes are addresses; elsewhere an unknown scope is just kept
        ConfFile file = parse("SomeModule { Listen \"not an address\" {} Peer \"nor a block\" {} }");
        assertEquals("not an address", file.scopes("SomeModule").get(0).scopes("Listen").get(0).instance());
    }

    @Test
    void aListenerOptionThatIsNotAListStaysAnOption() throws ConfException {
        // only "Name_Listener = (" at top level is the 2.x list syntax
        assertInstanceOf(Option.class, parse("Foo_Listener = bar").body().get(0));
        Scope scope = (Scope) parse("S { ESMTP_Listener = ( *:25 ) }").body().get(0);
        Value.Array array = assertInstanceOf(Value.Array.class, scope.options("ESMTP_Listener").get(0).value());
        assertEquals("*:25", textOf(array.items().get(0)));
    }

    @Test
    void anEqualsBeforeAScopesBraceIsTheScopeAsMomentumsDocsWriteIt() throws ConfException {
        String documented = "Esmtp_Listener = {\n  Listen \":25\" = {\n    Idle_Time = 300\n  }\n}\n";
        // the instance form keeps its own syntax; only "NAME = {" is new
        String written = "Esmtp_Listener = {\n  Listen \":25\" {\n    Idle_Time = 300\n  }\n}\n";
        assertEquals(parse("Esmtp_Listener {\n  Listen \":25\" {\n    Idle_Time = 300\n  }\n}\n"), parse(written));
        Scope listener = assertInstanceOf(Scope.class, parse(written).body().get(0));
        assertNull(listener.instance());
        assertEquals(at(1, 1), listener.position());
        assertTrue(Conf.error(documented).startsWith("test.conf:2:16: expected \"{\" to open Listen"),
                Conf.error(documented));
    }

    @Test
    void aQuotedStringMayRunOverSeveralLines() throws ConfException {
        String scheme = "Scheme \"ecauth\" {\n  Authenticate {\n"
                + "    query = \"SELECT password\n             FROM users\r\n             WHERE name = :user\"\n"
                + "    type = \"md5\"\n  }\n}\nAfter = 1\n";
        ConfFile file = parse(scheme);
        Scope authenticate = (Scope) ((Scope) file.body().get(0)).body().get(0);
        Option query = (Option) authenticate.body().get(0);
        assertEquals("SELECT password\n             FROM users\n             WHERE name = :user",
                textOf(query.value()));
        assertEquals(at(6, 5), authenticate.body().get(1).position()); // lines go on being counted inside it
        assertEquals(at(9, 1), file.body().get(1).position());
        assertEquals(file, parse(file.toString())); // and it prints back to itself
        // where a string names something, running over lines is a missing quote
        assertEquals("test.conf:1:8: expected the instance name of Listen on one line, got a string running over "
                + "lines from here: is its closing \" missing?", Conf.error("Listen \":25 {\n X = \"1\" }"));
    }
}
