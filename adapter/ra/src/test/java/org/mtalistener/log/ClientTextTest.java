package org.mtalistener.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void controlCharactersCannotEndTheLine() {
        assertEquals("\"a\\r\\n[SEVERE] b\\tc\\u0000\\u001b[31m\\u007f\\u0085\\u2028\\u202e\\\\n\\\"\"",
                ClientText.quoted("a\r\n[SEVERE] b\tc\u0000\u001b[31m\u007f\u0085\u2028\u202e\\n\""));
    }

    @Test
    void printableUnicodeStaysAndOnlyLoneSurrogatesAreEscaped() {
        assertEquals("pelé@exämple.org 😀", ClientText.escaped("pelé@exämple.org 😀"));
        assertEquals("x\\ud83dy\\ude00", ClientText.escaped("x\ud83dy\ude00"));
    }

    @Test
    void longTextIsCappedAndCounted() {
        String logged = ClientText.escaped("Q".repeat(65_000));
        assertEquals("Q".repeat(ClientText.MAX_LOGGED) + "...(" + (65_000 - ClientText.MAX_LOGGED) + " more)", logged);
        assertTrue(ClientText.quoted("\n".repeat(10_000)).length() < 2 * ClientText.MAX_LOGGED + 20);
    }

    @Test
    void nullIsSaidSo() {
        assertEquals("null", ClientText.quoted(null));
    }
}
