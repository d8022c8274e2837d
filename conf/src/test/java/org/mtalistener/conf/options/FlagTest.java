package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.options.ConfValue.scalar;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagTest {

    private final OptionType<Boolean> flag = OptionType.flag();

    @ParameterizedTest
    @ValueSource(strings = {"true", "on", "yes", "1", "enabled"})
    void readsEveryTrueSpellingInAnyCase(String word) {
        assertEquals(true, flag.parse("Open_Relay", scalar(word)));
        assertEquals(true, flag.parse("Open_Relay", scalar(word.toUpperCase(Locale.ROOT))));
        assertEquals(true, flag.parse("Open_Relay", scalar(Character.toUpperCase(word.charAt(0)) + word.substring(1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "off", "no", "0", "disabled"})
    void readsEveryFalseSpellingInAnyCase(String word) {
        assertEquals(false, flag.parse("Enable", scalar(word)));
        assertEquals(false, flag.parse("Enable", scalar(word.toUpperCase(Locale.ROOT))));
        assertEquals(false, flag.parse("Enable", scalar(Character.toUpperCase(word.charAt(0)) + word.substring(1))));
    }

    @Test
    void toleratesSpacesInsideQuotes() {
        assertEquals(false, flag.parse("Enable", scalar(" false ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "tru", "enable", "", "y"})
    void refusesOtherWordsNamingOptionAndValue(String word) {
        OptionException e = assertThrows(OptionException.class, () -> flag.parse("Open_Relay", scalar(word)));
        assertEquals("Open_Relay: \"" + word + "\" is not a boolean (use true or false)", e.getMessage());
    }

    @Test
    void refusesAnArrayOrADictionaryShowingHowToWriteIt() {
        assertEquals("Enable: takes a single value, not an array (write Enable = true)",
                assertThrows(OptionException.class,
                        () -> flag.parse("Enable", new ConfValue.Array(List.of("true")))).getMessage());
        assertEquals("Enable: takes a single value, not a dictionary (write Enable = true)",
                assertThrows(OptionException.class,
                        () -> flag.parse("Enable", new ConfValue.Dictionary(Map.of("a", "b")))).getMessage());
    }

    @Test
    void writesBackAsTrueOrFalse() {
        assertEquals("true", flag.toConf(true).toString());
        assertEquals("false", flag.toConf(false).toString());
    }
}
