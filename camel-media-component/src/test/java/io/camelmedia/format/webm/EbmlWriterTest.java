package io.camelmedia.format.webm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** EBML encoding per element type (RFC 8794), checked against the byte forms the RFC's examples and ffmpeg use. */
class EbmlWriterTest {
    private static String hex(EbmlWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    @ParameterizedTest(name = "size {0}")
    @CsvSource({
        "0, 80", "1, 81", "126, fe", // 1 octet; 127 (all ones) is reserved for unknown
        "127, 407f", "16382, 7ffe", // 2 octets; 16383 reserved
        "16383, 203fff", "2097150, 3ffffe",
        "2097151, 101fffff", "268435454, 1ffffffe",
        "268435455, 080fffffff",
        "72057594037927934, 01fffffffffffffe"})
    void vintShortestForm(long size, String expected) {
        assertEquals(expected, hex(new EbmlWriter().vint(size)));
    }

    @Test
    void vintFixedWidthAndLimits() {
        assertEquals("0100000000000005", hex(new EbmlWriter().vint(5, 8)));
        assertEquals("4005", hex(new EbmlWriter().vint(5, 2)));
        assertThrows(WebmException.class, () -> new EbmlWriter().vint(127, 1));
        assertThrows(WebmException.class, () -> new EbmlWriter().vint(-1));
        assertThrows(WebmException.class, () -> new EbmlWriter().vint(EbmlWriter.MAX_SIZE + 1));
        assertEquals("01ffffffffffffff", HexFormat.of().formatHex(EbmlWriter.UNKNOWN_SIZE));
    }

    @ParameterizedTest(name = "id {0}")
    @CsvSource({"1a45dfa3, 4", "18538067, 4", "2ad7b1, 3", "4286, 2", "a3, 1", "ec, 1"})
    void idsKeepTheirMarker(String id, int length) {
        int v = Integer.parseUnsignedInt(id, 16);
        assertEquals(length, EbmlWriter.idLength(v));
        assertEquals(id, hex(new EbmlWriter().id(v)));
    }

    @Test
    void invalidIdRejected() {
        assertThrows(WebmException.class, () -> new EbmlWriter().id(0x7F)); // no marker in the first octet
        assertThrows(WebmException.class, () -> new EbmlWriter().id(0x0FFF_FFFF));
    }

    @Test
    void elementTypes() {
        // 7.2 unsigned: TimestampScale 1000000 -> 3 octets 0f4240
        assertEquals("2ad7b1830f4240", hex(new EbmlWriter().uint(0x2AD7B1, 1_000_000)));
        assertEquals("d78101", hex(new EbmlWriter().uint(0xD7, 1)));
        assertEquals("e78100", hex(new EbmlWriter().uint(0xE7, 0)));
        assertEquals("e788ffffffffffffffff", hex(new EbmlWriter().uint(0xE7, -1L))); // 2^64 - 1
        // 7.1 signed: two's complement, fewest octets
        assertEquals("fb81ff", hex(new EbmlWriter().sint(0xFB, -1)));
        assertEquals("fb820080", hex(new EbmlWriter().sint(0xFB, 128)));
        assertEquals("fb81ff".length(), hex(new EbmlWriter().sint(0xFB, -128)).length());
        // 7.3 float: 8 octets IEEE 754; 48000.0 = 0x40E7700000000000
        assertEquals("b58840e7700000000000", hex(new EbmlWriter().float64(0xB5, 48000)));
        // 7.4 string
        assertEquals("4282847765626d", hex(new EbmlWriter().string(0x4282, "webm")));
        // 7.8 binary
        assertEquals("63a283010203", hex(new EbmlWriter().binary(0x63A2, new byte[] {1, 2, 3})));
        // 7.7 master: the size of its children
        EbmlWriter child = new EbmlWriter().uint(0xD7, 1);
        assertEquals("ae83d78101", hex(new EbmlWriter().master(0xAE, child)));
        assertEquals("1f43b67501ffffffffffffff", hex(new EbmlWriter().unknownSizeMaster(0x1F43B675)));
    }

    @ParameterizedTest(name = "void {0}")
    @CsvSource({"2", "3", "11", "80", "128", "129", "130", "200"})
    void voidElementHasExactLength(int total) {
        EbmlWriter w = new EbmlWriter().voidElement(total);
        assertEquals(total, w.size());
        assertEquals((byte) 0xEC, w.toByteArray()[0]);
    }
}
