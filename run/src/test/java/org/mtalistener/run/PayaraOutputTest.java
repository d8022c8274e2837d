package org.mtalistener.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayaraOutputTest {

    private static final String MEGABYTE_LINE = "Q".repeat(1 << 20);

    private final List<String> read = new ArrayList<>();
    private final ByteArrayOutputStream copied = new ByteArrayOutputStream();

    @Test
    void everyByteIsCopiedAndOnlyTheStartOfALongLineIsRead() throws IOException {
        byte[] output = ("first\r\n" + MEGABYTE_LINE + "\nlast").getBytes(StandardCharsets.UTF_8);
        new PayaraOutput(new ByteArrayInputStream(output), copied).copy(read::add);
        assertArrayEquals(output, copied.toByteArray());
        assertEquals(List.of("first", MEGABYTE_LINE.substring(0, PayaraOutput.SCANNED_PREFIX), "last"), read);
    }

    @Test
    void onceTheReaderHasHadEnoughTheOutputIsOnlyCopied() throws IOException {
        byte[] output = ("one\ntwo\n" + MEGABYTE_LINE + "\nthree\n").getBytes(StandardCharsets.UTF_8);
        new PayaraOutput(new ByteArrayInputStream(output), copied).copy(line -> read.add(line) && !line.equals("two"));
        assertArrayEquals(output, copied.toByteArray());
        assertEquals(List.of("one", "two"), read);
    }
}
