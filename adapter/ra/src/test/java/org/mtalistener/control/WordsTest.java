package org.mtalistener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void whiteSpaceOfAnyKindAndLengthSeparatesWords() {
        assertEquals(List.of("config", "get", "esmtp_listener", "Enable"),
                Words.of("  config\tget   esmtp_listener\nEnable "));
        assertEquals(List.of(), Words.of(" \t "));
    }

    @Test
    void doubleQuotesKeepAWordWholeAndBackslashEscapesInsideThem() {
        assertEquals(List.of("set", "Banner", "a \"quoted\" banner", "x"),
                Words.of("set Banner \"a \\\"quoted\\\" banner\" x"));
        assertEquals(List.of("path\\to"), Words.of("\"path\\\\to\""));
    }

    @Test
    void quotesInsideAWordJoinItsParts() {
        assertEquals(List.of("ab c", ""), Words.of("a\"b c\" \"\""));
    }

    @Test
    void anUnclosedQuoteRunsToTheEndAndABackslashOutsideQuotesIsKept() {
        assertEquals(List.of("say", "hello world "), Words.of("say \"hello world "));
        assertEquals(List.of("a\\b"), Words.of("a\\b"));
    }
}
