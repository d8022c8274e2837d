package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mtalistener.conf.options.ConfValue.scalar;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileModeTest {

    private final OptionType<Integer> mode = OptionType.fileMode();

    @ParameterizedTest
    @CsvSource({"0660, 432", "0666, 438", "660, 432", "0000, 0", "0777, 511", "0600, 384", "' 0666 ', 438"})
    void readsOctal(String written, int bits) {
        assertEquals(bits, mode.parse("File_Mode", scalar(written)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0668", "rw-rw-rw-", "66", "0x1b6", "", "0o666", "438 "})
    void refusesWhatIsNotThreeOrFourOctalDigits(String written) {
        assertEquals("File_Mode: \"" + written + "\" is not an octal file mode (write 3 or 4 octal digits, e.g. "
                        + "0660)",
                assertThrows(OptionException.class, () -> mode.parse("File_Mode", scalar(written))).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1777", "4755", "07777", "00660"})
    void refusesBitsBeyondThePermissions(String written) {
        assertEquals("File_Mode: \"" + written + "\" is not an octal file mode (only the permission bits 0000 to "
                        + "0777 apply to a socket)",
                assertThrows(OptionException.class, () -> mode.parse("File_Mode", scalar(written))).getMessage());
    }

    @Property
    void everyModeReadsBackFromWhatItWrites(@ForAll @IntRange(min = 0, max = 0777) int bits) {
        ConfValue written = mode.toConf(bits);
        assertEquals(4, written.toString().length());
        assertEquals(bits, mode.parse("File_Mode", written));
    }
}
