package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfValueTest {

    @Test
    void writesScalarsBareUnlessMomentumWantsQuotes() {
        assertEquals("300", ConfValue.scalar("300").toString());
        assertEquals("mx.example.com", ConfValue.scalar("mx.example.com").toString());
        assertEquals("\"220 my.mail.server ESMTP\"", ConfValue.scalar("220 my.mail.server ESMTP").toString());
        assertEquals("\"127.0.0.0/8\"", ConfValue.scalar("127.0.0.0/8").toString());
        assertEquals("\"a#b\"", ConfValue.scalar("a#b").toString());
        assertEquals("\"say \\\"hi\\\"\"", ConfValue.scalar("say \"hi\"").toString());
        assertEquals("\"\"", ConfValue.scalar("").toString());
    }

    @Test
    void writesArraysAndDictionariesInConfSyntax() {
        assertEquals("( \"127.0.0.0/8\" \"10.10.10.0/24\" )",
                ConfValue.array("127.0.0.0/8", "10.10.10.0/24").toString());
        assertEquals("( )", ConfValue.array().toString());
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("uri", "digest:///etc/passwd");
        entries.put("realm", "mx");
        assertEquals("[ uri = \"digest:///etc/passwd\" realm = mx ]", new ConfValue.Dictionary(entries).toString());
        assertEquals("[ ]", new ConfValue.Dictionary(Map.of()).toString());
    }

    @Test
    void copiesWhatItIsGiven() {
        List<String> items = new ArrayList<>(List.of("a"));
        ConfValue.Array array = new ConfValue.Array(items);
        items.add("b");
        assertEquals(List.of("a"), array.items());
        assertThrows(UnsupportedOperationException.class, () -> array.items().add("c"));
        Map<String, String> entries = new LinkedHashMap<>(Map.of("k", "v"));
        ConfValue.Dictionary dictionary = new ConfValue.Dictionary(entries);
        entries.put("x", "y");
        assertEquals(Map.of("k", "v"), dictionary.entries());
        assertThrows(UnsupportedOperationException.class, () -> dictionary.entries().put("z", "z"));
    }

    @Test
    void namesItsKindForMessages() {
        assertEquals("a single value", ConfValue.scalar("x").kind());
        assertEquals("an array", ConfValue.array().kind());
        assertEquals("a dictionary", new ConfValue.Dictionary(Map.of()).kind());
    }
}
