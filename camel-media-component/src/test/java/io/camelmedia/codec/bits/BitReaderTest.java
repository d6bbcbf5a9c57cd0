package io.camelmedia.codec.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BitReaderTest {
    /** ITU-T H.264 Table 9-2 (bit strings) and 9-3 (codeNum to se(v)). */
    @ParameterizedTest(name = "ue {0} = {1}, se = {2}")
    @CsvSource({
        "1, 0, 0",
        "010, 1, 1",
        "011, 2, -1",
        "00100, 3, 2",
        "00101, 4, -2",
        "00111, 6, -3",
        "0001000, 7, 4",
        "000010001, 16, -8",
    })
    void expGolomb(String bits, long ue, long se) {
        byte[] b = pack(bits);
        assertEquals(ue, new BitReader("t", b, 0, b.length).ue("x"));
        assertEquals(se, new BitReader("t", b, 0, b.length).se("x"));
    }

    @Test
    void largestUeHas31LeadingZeros() {
        // 31 zeros, a one, 31 ones: 2^32 - 2
        byte[] b = pack("0".repeat(31) + "1" + "1".repeat(31) + "0");
        assertEquals((1L << 32) - 2, new BitReader("t", b, 0, b.length).ue("x"));
        byte[] tooLong = pack("0".repeat(32) + "1" + "0".repeat(39));
        CodecException e = assertThrows(CodecException.class, () -> new BitReader("t", tooLong, 0, tooLong.length).ue("x"));
        assertTrue(e.getMessage().contains("leading zero bits"), e.getMessage());
    }

    @Test
    void readsAtOffsetAndStopsAtTheEndOfTheRange() {
        byte[] b = Samples.hex("ff 00 f0 ff");
        BitReader r = new BitReader("t", b, 1, 2);
        assertEquals(0x00F, r.u(12, "a"));
        assertEquals(0, r.u(4, "b"));
        CodecException e = assertThrows(CodecException.class, () -> r.u(1, "c"));
        assertEquals("t: c needs 1 bits but only 0 are left at bit offset 16", e.getMessage());
    }

    @Test
    void ueRunningOffTheEndIsACodecException() {
        byte[] zeros = new byte[2];
        assertThrows(CodecException.class, () -> new BitReader("t", zeros, 0, 2).ue("x"));
    }

    @Test
    void uvlcOfAv1() {
        byte[] b = pack("0001001");
        assertEquals(8, new BitReader("t", b, 0, b.length).uvlc("x"));
    }

    static byte[] pack(String bits) {
        byte[] b = new byte[(bits.length() + 7) / 8 + 1];
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                b[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return b;
    }
}
