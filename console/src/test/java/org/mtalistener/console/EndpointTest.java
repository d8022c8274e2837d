package org.mtalistener.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The endpoint as the command line writes it: ec_console's forms, and a clear error for anything else. */
class EndpointTest {

    @Test
    void aPathIsAUnixSocket() {
        Endpoint standard = Endpoint.parse(Endpoint.DEFAULT);
        assertEquals(Path.of("/tmp/2025"), standard.socket());
        assertTrue(standard.isUnix());
        assertNull(standard.user());
        assertEquals("localhost", standard.saslServerName());
        assertEquals(Path.of("./console.sock"), Endpoint.parse("./console.sock").socket());
        assertEquals(Path.of("../run/console"), Endpoint.parse("../run/console").socket());
        // An @ inside a path is the path's.
        assertEquals(new Endpoint(null, Path.of("/tmp/a@b/2025"), null, 0), Endpoint.parse("/tmp/a@b/2025"));
    }

    @Test
    void hostAndPort() {
        assertEquals(Endpoint.tcp("127.0.0.1", 2025), Endpoint.parse("127.0.0.1:2025"));
        assertEquals(Endpoint.tcp("console.example.test", 2025), Endpoint.parse("console.example.test:2025"));
        Endpoint v6 = Endpoint.parse("[fd82::1]:2424");
        assertEquals(Endpoint.tcp("fd82::1", 2424), v6);
        assertEquals("fd82::1", v6.saslServerName());
        assertEquals("[fd82::1]:2424", v6.toString());
    }

    @Test
    void aUserBeforeTheLastAtOfTheHostOrBeforeAPath() {
        assertEquals(Endpoint.tcp("127.0.0.1", 2025).as("john"), Endpoint.parse("john@127.0.0.1:2025"));
        assertEquals(Endpoint.tcp("localhost", 2025).as("admin@example.test"),
                Endpoint.parse("admin@example.test@localhost:2025"));
        assertEquals(Endpoint.tcp("::1", 2025).as("john"), Endpoint.parse("john@[::1]:2025"));
        assertEquals(Endpoint.unix(Path.of("/tmp/2025")).as("john"), Endpoint.parse("john@/tmp/2025"));
        assertEquals("john@127.0.0.1:2025", Endpoint.parse("john@127.0.0.1:2025").toString());
        assertEquals("127.0.0.1:2025", Endpoint.parse("john@127.0.0.1:2025").where());
    }

    @Test
    void whatIsNotAnEndpointSaysHowToWriteOne() {
        assertEquals("\"localhost\" is neither a socket path (/tmp/2025, ./console.sock) nor host:port "
                + "(127.0.0.1:2025)", error("localhost"));
        assertEquals("\"::1:2025\": write an IPv6 address in brackets, e.g. [::1]:2025", error("::1:2025"));
        assertEquals("\"[::1]2025\": write an IPv6 endpoint as [address]:port, e.g. [::1]:2025", error("[::1]2025"));
        assertEquals("\"[::1]\": write an IPv6 endpoint as [address]:port, e.g. [::1]:2025", error("[::1]"));
        assertEquals("\"host:0\": \"0\" is not a port (1-65535)", error("host:0"));
        assertEquals("\"host:65536\": \"65536\" is not a port (1-65535)", error("host:65536"));
        assertEquals("\"host:smtp\": \"smtp\" is not a port (1-65535)", error("host:smtp"));
        assertEquals("\":2025\": the host before :2025 is empty", error(":2025"));
        assertEquals("\"@host:2025\": the user before @ is empty", error("@host:2025"));
    }

    private static String error(String endpoint) {
        return assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(endpoint)).getMessage();
    }
}
