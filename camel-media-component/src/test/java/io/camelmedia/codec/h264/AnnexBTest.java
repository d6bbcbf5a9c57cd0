package io.camelmedia.codec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnexBTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("4-byte start codes", "00000001 0910 00000001 6742 00000001 68ce", new String[]{"0910", "6742", "68ce"}),
                Arguments.of("3-byte start codes", "000001 0910 000001 6742 000001 658880", new String[]{"0910", "6742", "658880"}),
                Arguments.of("mixed, ffmpeg style", "00000001 0910 000001 41 9a 00000001 6742", new String[]{"0910", "419a", "6742"}),
                Arguments.of("leading_zero_8bits", "0000 00000001 0910", new String[]{"0910"}),
                Arguments.of("trailing_zero_8bits", "00000001 0910 0000 00000001 41 9a 00 00", new String[]{"0910", "419a"}),
                Arguments.of("emulation prevention kept", "000001 41 000003 01 000001 42", new String[]{"41000003 01", "42"}),
                Arguments.of("empty unit dropped", "000001 000001 41", new String[]{"41"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsIntoUnitsWithoutCopying(String name, String stream, String[] expected) {
        byte[] s = Samples.hex(stream);
        byte[] buf = Samples.embed(s, 5);
        NalUnits units = AnnexB.split(buf, 5, s.length);
        assertEquals(expected.length, units.count());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(Samples.hex(expected[i]), units.copy(i), name + " unit " + i);
        }
        assertSame(buf, units.buffer());
        byte[] joined = AnnexB.join(units);
        NalUnits again = AnnexB.split(joined);
        assertEquals(units.count(), again.count());
        assertEquals(AnnexB.joinedLength(units), joined.length);
    }

    @Test
    void joinWritesFourByteStartCodes() {
        NalUnits units = NalUnits.of(Samples.hex("0910"), Samples.hex("65 88"));
        assertArrayEquals(Samples.hex("00000001 0910 00000001 6588"), AnnexB.join(units));
    }

    @Test
    void inputWithoutStartCodeIsRejected() {
        CodecException e = assertThrows(CodecException.class, () -> AnnexB.split(Samples.hex("00000010 6742")));
        assertEquals("AnnexB: no start code at offset 0 (first bytes 00000010)", e.getMessage());
        assertThrows(CodecException.class, () -> AnnexB.split(new byte[0]));
    }

    @Test
    void tooManyUnitsIsRejected() {
        byte[] many = new byte[(H264.MAX_NAL_UNITS_PER_ACCESS_UNIT + 1) * 4];
        for (int i = 0; i < many.length; i += 4) {
            many[i + 2] = 1;
            many[i + 3] = 0x41;
        }
        CodecException e = assertThrows(CodecException.class, () -> AnnexB.split(many));
        assertEquals(true, e.getMessage().contains("NAL unit count 257 exceeds the limit 256"), e.getMessage());
    }

    @Test
    void fuzz() {
        Fuzz.run("annexb", Samples.hex("00000001 0910 000001 6742c00b8c68 00000001 68ce3c80 000001 65888400 0000"),
                b -> AnnexB.split(b));
    }
}
