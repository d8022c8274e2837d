package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.conf.options.ConfValue.scalar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WholeNumberTest {

    private final OptionType<Long> bytes = OptionType.bytes();
    private final OptionType<Long> seconds = OptionType.seconds();
    private final OptionType<Long> backlog = OptionType.count(1, 65535);

    private static String error(OptionType<Long> type, String option, String text) {
        return assertThrows(OptionException.class, () -> type.parse(option, scalar(text))).getMessage();
    }

    @Test
    void readsDecimalNumbers() {
        assertEquals(0L, bytes.parse("Max_Message_Size", scalar("0")));
        assertEquals(52428800L, bytes.parse("Max_Message_Size", scalar("52428800")));
        assertEquals(Long.MAX_VALUE, bytes.parse("Max_Message_Size", scalar("9223372036854775807")));
        assertEquals(300L, seconds.parse("Idle_Time", scalar("300")));
        assertEquals(500L, backlog.parse("Listen_Backlog", scalar(" 500 ")));
        assertEquals(65535L, backlog.parse("Listen_Backlog", scalar("65535")));
    }

    @ParameterizedTest
    @CsvSource({
            "10MB, 10485760", "10M, 10485760", "10 MB, 10485760", "10mb, 10485760", "10MiB, 10485760",
            "512K, 524288", "512KiB, 524288", "1.5M, 1572864", "2G, 2147483648", "1T, 1099511627776",
            "100B, 100", "100 bytes, 100"})
    void refusesSizesWithAUnitButSaysWhatToWrite(String written, long inBytes) {
        assertEquals("Max_Message_Size: \"" + written + "\" is not a byte count (use " + inBytes + ")",
                error(bytes, "Max_Message_Size", written));
    }

    @ParameterizedTest
    @CsvSource({"5m, 300", "5min, 300", "5 minutes, 300", "30s, 30", "30 seconds, 30", "2h, 7200", "1d, 86400",
            "0.5h, 1800"})
    void refusesDurationsWithAUnitButSaysWhatToWrite(String written, long inSeconds) {
        assertEquals("Idle_Time: \"" + written + "\" is not a number of seconds (use " + inSeconds + ")",
                error(seconds, "Idle_Time", written));
    }

    @Test
    void explainsWhatANumberLooksLikeWhenNoConversionHelps() {
        assertEquals("Max_Message_Size: \"big\" is not a byte count (write a whole number of bytes, e.g. 10485760)",
                error(bytes, "Max_Message_Size", "big"));
        assertEquals("Max_Message_Size: \"0.3K\" is not a byte count (write a whole number of bytes, e.g. 10485760)",
                error(bytes, "Max_Message_Size", "0.3K"));
        assertEquals("Idle_Time: \"soon\" is not a number of seconds (write a whole number of seconds, e.g. 300)",
                error(seconds, "Idle_Time", "soon"));
        assertEquals("Idle_Time: \"5MB\" is not a number of seconds (write a whole number of seconds, e.g. 300)",
                error(seconds, "Idle_Time", "5MB"));
        assertEquals("Listen_Backlog: \"many\" is not a whole number (write a whole number, 1 to 65535)",
                error(backlog, "Listen_Backlog", "many"));
        assertEquals("Listen_Backlog: \"0x1f4\" is not a whole number (write a whole number, 1 to 65535)",
                error(backlog, "Listen_Backlog", "0x1f4"));
        assertEquals("Listen_Backlog: \"\" is not a whole number (write a whole number, 1 to 65535)",
                error(backlog, "Listen_Backlog", ""));
        assertEquals("Concurrency: \"4k\" is not a whole number (write a whole number, 0 or more)",
                error(OptionType.count(0, Integer.MAX_VALUE), "Concurrency", "4k"));
    }

    @Test
    void suggestsNoConversionThatWouldBeOutOfRange() {
        OptionType<Long> buffer = OptionType.bytes(Integer.MAX_VALUE);
        assertEquals("TCP_Recv_Buffer_Size: \"64K\" is not a byte count (use 65536)",
                error(buffer, "TCP_Recv_Buffer_Size", "64K"));
        assertEquals("TCP_Recv_Buffer_Size: \"4G\" is not a byte count (write a whole number of bytes, e.g. "
                + "10485760)", error(buffer, "TCP_Recv_Buffer_Size", "4G"));
    }

    @Test
    void refusesNumbersOutOfRangeWithTheRange() {
        assertEquals("Listen_Backlog: 0 is out of range (use 1 to 65535)", error(backlog, "Listen_Backlog", "0"));
        assertEquals("Listen_Backlog: 65536 is out of range (use 1 to 65535)",
                error(backlog, "Listen_Backlog", "65536"));
        assertEquals("Listen_Backlog: -5 is out of range (use 1 to 65535)", error(backlog, "Listen_Backlog", "-5"));
        assertEquals("Idle_Time: -1 is out of range (use 0 or more)", error(seconds, "Idle_Time", "-1"));
        assertEquals("Idle_Time: 2147483648 is out of range (use 0 to 2147483647)",
                error(seconds, "Idle_Time", "2147483648"));
        assertEquals("Max_Message_Size: 99999999999999999999 is out of range (use 0 to 9223372036854775807)",
                error(bytes, "Max_Message_Size", "99999999999999999999"));
    }

    @Test
    void refusesALeadingZeroSinceItCouldBeReadAsOctal() {
        assertEquals("Listen_Backlog: \"0500\" has a leading zero (write 500: a leading zero could be read as octal)",
                error(backlog, "Listen_Backlog", "0500"));
        assertEquals("Idle_Time: \"00\" has a leading zero (write 0: a leading zero could be read as octal)",
                error(seconds, "Idle_Time", "00"));
    }

    @Test
    void describesItselfForTheDocs() {
        assertEquals("bytes", bytes.describe());
        assertEquals("seconds", seconds.describe());
        assertEquals("whole number, 1 to 65535", backlog.describe());
        assertEquals("whole number, 0 or more", OptionType.count(0, Integer.MAX_VALUE).describe());
        assertEquals("bytes, 0 to 65536", OptionType.bytes(65536).describe());
    }

    @Test
    void refusesAnImpossibleRange() {
        assertThrows(IllegalArgumentException.class, () -> OptionType.count(5, 4));
        assertThrows(IllegalArgumentException.class, () -> OptionType.count(-1, 4));
    }

    @Property
    void everyByteCountReadsBackFromWhatItWrites(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
        assertEquals(value, bytes.parse("Max_Message_Size", bytes.toConf(value)));
    }

    @Property
    void everyNumberInRangeReadsBackAndNoneOutside(@ForAll @IntRange(min = -100_000, max = 100_000) int value) {
        if (value >= 1 && value <= 65535) {
            assertEquals(value, backlog.parse("Listen_Backlog", backlog.toConf((long) value)));
        } else {
            String message = error(backlog, "Listen_Backlog", Integer.toString(value));
            assertEquals("Listen_Backlog: " + value + " is out of range (use 1 to 65535)", message);
        }
    }

    @Property
    void theSuggestedByteCountIsTheSizeWritten(@ForAll @IntRange(min = 1, max = 4095) int amount,
                                              @ForAll("prefixes") String prefix) {
        String message = error(bytes, "Max_Message_Size", amount + prefix + "B");
        long expected = amount * (1L << (10 * ("KMGT".indexOf(prefix) + 1)));
        assertEquals("Max_Message_Size: \"" + amount + prefix + "B\" is not a byte count (use " + expected + ")",
                message);
        // and following the advice works
        assertEquals(expected, bytes.parse("Max_Message_Size", scalar(Long.toString(expected))));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("K", "M", "G", "T");
    }

    @Property
    void theSuggestedSecondsAreTheDurationWritten(@ForAll @IntRange(min = 1, max = 10_000) int minutes) {
        String message = error(seconds, "Idle_Time", minutes + "m");
        assertTrue(message.endsWith("(use " + minutes * 60L + ")"), message);
    }

    @Property
    void aTypedValueIsHeldToTheLimitsOfTheSameText(@ForAll @LongRange(min = -100, max = 70_000) long value) {
        String text = Long.toString(value);
        if (value >= 1 && value <= 65535) {
            assertEquals(value, backlog.check("Listen_Backlog", value));
            assertEquals(value, backlog.parse("Listen_Backlog", scalar(text)));
        } else {
            String typed = assertThrows(OptionException.class, () -> backlog.check("Listen_Backlog", value))
                    .getMessage();
            assertEquals(error(backlog, "Listen_Backlog", text), typed);
        }
    }
}
