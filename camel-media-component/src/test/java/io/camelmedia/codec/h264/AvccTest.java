package io.camelmedia.codec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvccTest {
    @ParameterizedTest(name = "{0}-byte lengths")
    @CsvSource({
        "1, 02 0910 03 419a01",
        "2, 0002 0910 0003 419a01",
        "4, 00000002 0910 00000003 419a01",
    })
    void splitsAnyLengthSizeAndConvertsToFourBytes(int lengthSize, String sample) {
        byte[] s = Samples.hex(sample);
        byte[] buf = Samples.embed(s, 9);
        NalUnits units = Avcc.split(buf, 9, s.length, lengthSize);
        assertEquals(2, units.count());
        assertArrayEquals(Samples.hex("0910"), units.copy(0));
        assertArrayEquals(Samples.hex("419a01"), units.copy(1));
        assertArrayEquals(Samples.hex("00000002 0910 00000003 419a01"), Avcc.toFourByteLengths(buf, 9, s.length, lengthSize));
    }

    @Test
    void zeroLengthUnitsAreSkipped() {
        assertEquals(1, Avcc.split(Samples.hex("00000000 00000001 09")).count());
    }

    @Test
    void lengthPastTheEndIsRejected() {
        CodecException e = assertThrows(CodecException.class, () -> Avcc.split(Samples.hex("00000005 0910")));
        assertEquals("AVCC: NAL unit needs 5 bytes but only 2 are left at offset 4 [0910]", e.getMessage());
        assertThrows(CodecException.class, () -> Avcc.split(Samples.hex("ffffffff 0910")));
        assertThrows(CodecException.class, () -> Avcc.split(Samples.hex("000000")));
        assertThrows(CodecException.class, () -> Avcc.split(new byte[4], 0, 4, 3));
    }

    @Test
    void fuzz() {
        Fuzz.run("avcc", Samples.hex("00000002 0910 00000006 6742c00b8c68 00000004 68ce3c80"), b -> Avcc.split(b));
    }
}
