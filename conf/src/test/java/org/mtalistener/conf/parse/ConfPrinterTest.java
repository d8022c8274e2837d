package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.parse.Conf.parse;
import static org.mtalistener.conf.parse.Conf.text;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The canonical Momentum 4 text, and the trees that cannot be written. */
class ConfPrinterTest {

    @Test
    void printsCanonicalMomentum4Text() throws ConfException {
        ConfFile file = parse("""
                Relay_Hosts=("127.0.0.0/8" 10.10.10.0/24)
                esmtp_listener{Listen ":25"{Idle_Time="300" File_Mode=0666 Pool_Name=accept-pool
                Static_Banner="220 my.mail.server ESMTP" Context=[client="ACME Inc."]
                AuthDigestMD5Parameters [ uri=digest:///opt/passwd realm = "r" ]
                Peer 10.0.0.1 {}}}
                ThreadPool accept-pool {Concurrency=4}
                """);
        assertEquals("""
                Relay_Hosts = ( "127.0.0.0/8" "10.10.10.0/24" )

                esmtp_listener {
                  Listen ":25" {
                    Idle_Time = 300
                    File_Mode = 0666
                    Pool_Name = accept-pool
                    Static_Banner = "220 my.mail.server ESMTP"
                    Context = [ client = "ACME Inc." ]
                    AuthDigestMD5Parameters = [ uri = "digest:///opt/passwd" realm = r ]
                    Peer "10.0.0.1" {}
                  }
                }

                ThreadPool "accept-pool" {
                  Concurrency = 4
                }
                """, ConfPrinter.print(file));
    }

    @Test
    void quotesAndEscapesWhatIsNotAPlainWord() {
        assertEquals("300", ConfPrinter.print(text("300")));
        assertEquals("mx-0-1.example.com", ConfPrinter.print(text("mx-0-1.example.com")));
        assertEquals("\"\"", ConfPrinter.print(text("")));
        assertEquals("\"/path/to/cert.pem\"", ConfPrinter.print(text("/path/to/cert.pem")));
        assertEquals("\"say \\\"hi\\\"\"", ConfPrinter.print(text("say \"hi\"")));
        assertEquals("\"^\\\\d+$\"", ConfPrinter.print(text("^\\d+$")));
        assertEquals("\"a#b\"", ConfPrinter.print(text("a#b")));
        assertEquals("\"caf\u00e9\"", ConfPrinter.print(text("caf\u00e9")));
        Value dict = new Value.Dict(List.of(new Value.Entry("a key", text("v"), Conf.at(1, 1))), Conf.at(1, 1));
        assertEquals("[ \"a key\" = v ]", ConfPrinter.print(dict));
    }

    @Test
    void longOrNestedArraysAndDictionariesTakeOneLinePerItem() throws ConfException {
        ConfFile file = parse("""
                S {
                  A = ( "%s" "%s" )
                  D = [ k = ( 1 2 ) e = [ ] ]
                }
                """.formatted("a".repeat(40), "b".repeat(40)));
        assertEquals("""
                S {
                  A = (
                    %s
                    %s
                  )
                  D = [
                    k = ( 1 2 )
                    e = [ ]
                  ]
                }
                """.formatted("a".repeat(40), "b".repeat(40)), ConfPrinter.print(file));
    }

    @Test
    void toStringIsThePrintedForm() throws ConfException {
        ConfFile file = parse("S \"i\" { X = ( a ) }");
        Scope scope = file.scopes("S").get(0);
        assertEquals(ConfPrinter.print(file), file.toString());
        assertEquals("S \"i\" {\n  X = ( a )\n}\n", scope.toString());
        assertEquals("X = ( a )\n", scope.body().get(0).toString());
        assertEquals("( a )", scope.options("X").get(0).value().toString());
    }

    @Test
    void aTreeThatCannotBeWrittenCannotBeBuilt() {
        Position at = Conf.at(1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Option("two words", text("v"), at));
        assertThrows(IllegalArgumentException.class, () -> new Option("", text("v"), at));
        assertThrows(IllegalArgumentException.class, () -> new Option("a/*b", text("v"), at));
        assertThrows(IllegalArgumentException.class, () -> new Scope("Include", "x", List.of(), at));
        assertThrows(IllegalArgumentException.class, () -> new Scope("S", "line\nbreak", List.of(), at));
        assertThrows(IllegalArgumentException.class, () -> new Value.Text("carriage\rreturn", at));
        assertThrows(IllegalArgumentException.class, () -> new Value.Entry("line\nbreak", text("v"), at));
        assertThrows(IllegalArgumentException.class, () -> new Value.Entry("", text("v"), at));
        assertThrows(IllegalArgumentException.class, () -> new Position("f", 0, 1));
    }
}
