package io.camelmedia.codec.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.camelmedia.codec.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulationPreventionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no escapes, 67 42 c0 0b, 67 42 c0 0b",
        "00 00 00 hidden, 00 00 03 00 11, 00 00 00 11",
        "00 00 01 hidden, 00 00 03 01, 00 00 01",
        "two in a row, 00 00 03 00 00 03 02, 00 00 00 00 02",
        "x264 sps tail, 88 00 00 03 00 08 00 00 03 00 a0, 88 00 00 00 08 00 00 00 a0",
        "03 without two zeros stays, 00 03 00, 00 03 00",
        "trailing 00 00 03, 11 00 00 03, 11 00 00",
    })
    void removesAndInsertsEmulationPrevention(String name, String nal, String rbsp) {
        byte[] n = Samples.hex(nal);
        byte[] r = Samples.hex(rbsp);
        assertArrayEquals(r, EmulationPrevention.remove(Samples.embed(n, 3), 3, n.length));
        if (!name.startsWith("trailing")) {
            assertArrayEquals(n, EmulationPrevention.insert(r, 0, r.length));
        }
    }
}
