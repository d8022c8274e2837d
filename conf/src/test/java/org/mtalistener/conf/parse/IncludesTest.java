package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code include} of files and directories, relative paths, cycles and missing files, on real files. */
class IncludesTest {

    @TempDir
    Path root;

    private Path write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static List<String> names(Body body) {
        return body.body().stream().map(Node::name).toList();
    }

    @Test
    void anIncludedFileIsSplicedInWhereTheIncludeStands() throws Exception {
        write("listen.conf", "Listen \":25\" { Idle_Time = 300 }\nListen \":587\" {}\n");
        Path main = write("ecelerity.conf", """
                Before = 1
                ESMTP_Listener {
                  Peer "10.0.0.0/8" {}
                  include "listen.conf"
                  Enable = true
                }
                After = 2
                """);
        ConfFile file = ConfParser.parse(main);
        assertEquals(Conf.parse("""
                Before = 1
                ESMTP_Listener {
                  Peer "10.0.0.0/8" {}
                  Listen ":25" { Idle_Time = 300 }
                  Listen ":587" {}
                  Enable = true
                }
                After = 2
                """), file);
        Scope listen = file.scopes("ESMTP_Listener").get(0).scopes("Listen").get(0);
        assertEquals(new Position(root.resolve("listen.conf").toString(), 1, 1), listen.position(),
                "included nodes keep the position in their own file");
    }

    @Test
    void includedListenAndPeerScopesAreCheckedAsInsideTheirListener() throws Exception {
        write("bad.conf", "Listen \"nowhere\" {}");
        Path main = write("main.conf", "Control_Listener {\n  include bad.conf\n}\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(main));
        assertEquals(root.resolve("bad.conf") + ":1:8: \"nowhere\" is not a listen address: expected IPV4:PORT, "
                + "[IPV6]:PORT, *:PORT, [*]:PORT or a Unix socket path starting with /", e.getMessage());
    }

    @Test
    void aRelativeIncludeIsRelativeToTheIncludingFile() throws Exception {
        write("conf/main.conf", "include \"sub/a.conf\"\n");
        write("conf/sub/a.conf", "A = 1\ninclude \"b.conf\"\ninclude \"../c.conf\"\n");
        write("conf/sub/b.conf", "B = 2\n");
        write("conf/c.conf", "C = 3\n");
        write("b.conf", "Wrong = 1\n"); // relative to the working directory or the top file would find these
        write("conf/b.conf", "Wrong = 2\n");
        ConfFile file = ConfParser.parse(root.resolve("conf/main.conf"));
        assertEquals(List.of("A", "B", "C"), names(file));
        assertEquals(root.resolve("conf/sub/b.conf").toString(), file.body().get(1).position().file());
        assertEquals(root.resolve("conf/c.conf").toString(), file.body().get(2).position().file(),
                "the name in messages is normalised");
    }

    @Test
    void anAbsoluteIncludeIsReadAsItIs() throws Exception {
        Path other = write("elsewhere/other.conf", "Other = 1");
        ConfFile file = Conf.parse("include \"" + other + "\"\ninclude \"file://" + other + "\"");
        assertEquals(List.of("Other", "Other"), names(file));
    }

    @Test
    void aDirectoryIncludesItsFilesInLexicalOrderSkippingHiddenFilesAndSubDirectories() throws Exception {
        write("conf.d/20-b.conf", "B = 1");
        write("conf.d/10-a.conf", "A = 1");
        write("conf.d/Z-upper.conf", "Z = 1"); // lexical: "Z" (0x5A) sorts before "a" (0x61)
        write("conf.d/a-lower.conf", "Lower = 1");
        write("conf.d/3-digit", "Three = 1"); // any name, not only *.conf
        write("conf.d/.hidden.conf", "Hidden = 1");
        write("conf.d/sub/00-first.conf", "Nested = 1");
        Path main = write("main.conf", "Before = 0\ninclude \"conf.d\"\nAfter = 9\n");
        assertEquals(List.of("Before", "A", "B", "Three", "Z", "Lower", "After"), names(ConfParser.parse(main)));
    }

    @Test
    void anEmptyDirectoryIncludesNothing() throws Exception {
        Files.createDirectories(root.resolve("empty.d"));
        assertEquals(List.of("X"), names(ConfParser.parse(write("main.conf", "include empty.d X = 1"))));
    }

    @Test
    void aFileIncludedTwiceSideBySideIsReadTwice() throws Exception {
        write("common.conf", "Common = 1");
        write("a.conf", "include common.conf");
        Path main = write("main.conf", "include a.conf\ninclude common.conf\n");
        assertEquals(List.of("Common", "Common"), names(ConfParser.parse(main)));
    }

    @Test
    void anIncludeCycleIsAnErrorNamingTheChain() throws Exception {
        Path a = write("a.conf", "A = 1\n\ninclude \"b.conf\"\n");
        write("b.conf", "B = 1\n  include \"sub/../a.conf\"\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(a));
        String b = root.resolve("b.conf").toString();
        assertEquals(b + ":2:3: include cycle: " + a + " -> " + b + " -> " + a, e.getMessage());
    }

    @Test
    void aFileIncludingItselfIsACycle() throws Exception {
        Path self = write("self.conf", "S {\n include self.conf\n}");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(self));
        assertEquals(self + ":2:2: include cycle: " + self + " -> " + self, e.getMessage());
    }

    @Test
    void aCycleThroughADirectoryIsFound() throws Exception {
        write("conf.d/loop.conf", "include \"../main.conf\"");
        Path main = write("main.conf", "include conf.d");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(main));
        Path loop = root.resolve("conf.d/loop.conf");
        assertEquals(loop + ":1:1: include cycle: " + main + " -> " + loop + " -> " + main, e.getMessage());
    }

    @Test
    void includesNestAtMostSixteenDeep() throws Exception {
        for (int i = 1; i < 16; i++) {
            write("f" + i + ".conf", "include f" + (i + 1) + ".conf");
        }
        write("f16.conf", "Deep = 1");
        assertEquals(List.of("Deep"), names(ConfParser.parse(write("main.conf", "include f1.conf"))));
        write("f16.conf", "include f17.conf");
        write("f17.conf", "Deeper = 1");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(root.resolve("main.conf")));
        assertEquals(root.resolve("f16.conf") + ":1:1: include \"f17.conf\": expected includes nested at most 16 deep, got "
                + "deeper", e.getMessage());
    }

    @Test
    void aMissingIncludeIsAnErrorAtTheIncludeAndReadingGoesOn() throws Exception {
        Path main = write("main.conf", "A = 1\n  readonly_include \"missing.conf\"\nESMTP_Listener { Listen \"x\" {} }\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(main));
        assertEquals(List.of(
                main + ":2:3: readonly_include \"missing.conf\": no such file or directory (looked for "
                        + root.resolve("missing.conf") + ")",
                main + ":3:25: \"x\" is not a listen address: expected IPV4:PORT, [IPV6]:PORT, *:PORT, [*]:PORT or "
                        + "a Unix socket path starting with /"),
                e.errors().stream().map(ConfError::toString).toList());
    }

    @Test
    void aSyntaxErrorInAnIncludedFileNamesThatFile() throws Exception {
        Path broken = write("broken.conf", "X = }");
        Path main = write("main.conf", "include broken.conf");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(main));
        assertEquals(broken + ":1:5: expected a value after \"=\", got \"}\"", e.getMessage());
    }

    @Test
    void anIncludedFileCannotCloseTheScopeItWasIncludedIn() throws Exception {
        Path half = write("half.conf", "X = 1 }");
        Path main = write("main.conf", "S {\n include half.conf\n}");
        ConfException e = assertThrows(ConfException.class, () -> ConfParser.parse(main));
        assertEquals(half + ":1:7: expected an option or scope name, got \"}\" (no scope is open)", e.getMessage());
    }

    @Test
    void a2xListInAnIncludedFileAtTopLevelIsTranslated() throws Exception {
        write("listeners.conf", "ECStream_Listener = ( *:1825,5 <proto=ipv4> )");
        Path main = write("main.conf", "include listeners.conf");
        assertEquals(Conf.parse("ECStream_Listener { Listen \"*:1825\" { Listen_Backlog = 5 } }"),
                ConfParser.parse(main));
    }

    @Test
    void otherUrisAndEmptyPathsCannotBeIncluded() {
        assertEquals("test.conf:1:1: include \"http://example.com/x.conf\": expected a file or directory path, got a "
                + "URI (only file:// URIs can be included here)", Conf.error("include \"http://example.com/x.conf\""));
        assertEquals("test.conf:1:1: include \"\": expected a file or directory path, got nothing",
                Conf.error("include \"\""));
    }
}
