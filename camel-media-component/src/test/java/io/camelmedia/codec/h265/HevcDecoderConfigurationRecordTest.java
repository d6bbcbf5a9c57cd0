package io.camelmedia.codec.h265;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HevcDecoderConfigurationRecordTest {
    /** name, general_profile_idc, level, chroma, luma depth, width, height, pic_width/height_in_luma_samples. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("x265 main 320x240", 1, 60, 1, 8, 320, 240, 320, 240),
                Arguments.of("x265 main10 320x180 repeat-headers", 2, 60, 1, 10, 320, 180, 320, 184),
                Arguments.of("x265 main444 250x150", 4, 60, 3, 8, 250, 150, 256, 152));
    }

    static byte[] config(String name) {
        return Samples.config("h265/" + name.replace(' ', '-'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesRealRecordsAndTheirSps(String name, int profile, int level, int chroma, int depth, int width,
                                       int height, int codedWidth, int codedHeight) {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(config(name));
        assertEquals(profile, r.generalProfileIdc());
        assertEquals(level, r.generalLevelIdc());
        assertEquals(chroma, r.chromaFormat());
        assertEquals(depth - 8, r.bitDepthLumaMinus8());
        assertEquals(4, r.lengthSize());
        assertEquals(List.of(NalUnitType.VPS, NalUnitType.SPS, NalUnitType.PPS, NalUnitType.PREFIX_SEI),
                r.arrays().stream().map(HevcDecoderConfigurationRecord.NalArray::nalUnitType).toList());
        Sps sps = Sps.decode(r.nalUnits(NalUnitType.SPS).get(0));
        assertEquals(profile, sps.profileTierLevel().generalProfileIdc());
        assertEquals(level, sps.profileTierLevel().generalLevelIdc());
        assertEquals(chroma, sps.chromaFormatIdc());
        assertEquals(depth - 8, sps.bitDepthLumaMinus8());
        assertEquals(codedWidth, sps.picWidthInLumaSamples());
        assertEquals(codedHeight, sps.picHeightInLumaSamples());
        assertEquals(width, sps.width());
        assertEquals(height, sps.height());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeGivesBackTheSameBytesAtAnyOffset(String name) {
        byte[] config = config(name);
        byte[] buf = Samples.embed(config, 11);
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(buf, 11, config.length);
        assertArrayEquals(config, r.encode());
        assertEquals(config.length, r.encodedLength());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ofRebuildsProfileAndArraysFromTheParameterSets(String name) {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(config(name));
        HevcDecoderConfigurationRecord built = HevcDecoderConfigurationRecord.of(r.nalUnits(NalUnitType.VPS),
                r.nalUnits(NalUnitType.SPS), r.nalUnits(NalUnitType.PPS));
        byte[] a = r.encode();
        byte[] b = built.encode();
        // general_profile_space .. general_level_idc (bytes 1..12) come from the SPS's profile_tier_level
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 1, 13), java.util.Arrays.copyOfRange(b, 1, 13));
        assertEquals(r.chromaFormat(), built.chromaFormat());
        assertEquals(r.bitDepthLumaMinus8(), built.bitDepthLumaMinus8());
        assertEquals(3, built.arrays().size());
        assertEquals(built, HevcDecoderConfigurationRecord.decode(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        // the x265 SEI makes the record 2.4 KB: cut it to the parameter sets so mutations hit the fields
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.decode(config(name));
        byte[] seed = HevcDecoderConfigurationRecord.of(r.nalUnits(NalUnitType.VPS), r.nalUnits(NalUnitType.SPS),
                r.nalUnits(NalUnitType.PPS)).encode();
        Fuzz.run("hvcC " + name, seed, b -> {
            HevcDecoderConfigurationRecord d = HevcDecoderConfigurationRecord.decode(b);
            assertEquals(d, HevcDecoderConfigurationRecord.decode(d.encode()));
            for (byte[] sps : d.nalUnits(NalUnitType.SPS)) {
                Sps.decode(sps);
            }
        });
    }

    @Test
    void malformedRecordsAreRejectedWithTheField() {
        byte[] config = config("x265 main 320x240");
        CodecException e = assertThrows(CodecException.class, () -> HevcDecoderConfigurationRecord.decode(config, 0, 20));
        assertEquals("HEVCDecoderConfigurationRecord: header needs 23 bytes but only 20 are left at offset 0 "
                + "[0101600000009000]", e.getMessage());
        byte[] tooMany = config.clone();
        tooMany[22] = (byte) 65;
        CodecException t = assertThrows(CodecException.class, () -> HevcDecoderConfigurationRecord.decode(tooMany));
        assertEquals("HEVCDecoderConfigurationRecord: numOfArrays 65 exceeds the limit 64 at offset 23", t.getMessage());
    }

    @Test
    void nalUnitTypes() {
        assertEquals(NalUnitType.VPS, NalUnitType.of((byte) 0x40));
        assertEquals(NalUnitType.SPS, NalUnitType.of((byte) 0x42));
        assertEquals(NalUnitType.PPS, NalUnitType.of((byte) 0x44));
        assertEquals(NalUnitType.AUD, NalUnitType.of((byte) 0x46));
        assertEquals(true, NalUnitType.isIrap(NalUnitType.IDR_W_RADL));
        assertEquals(true, NalUnitType.isIrap(NalUnitType.CRA_NUT));
        assertEquals(false, NalUnitType.isIrap(NalUnitType.TRAIL_R));
        assertEquals(false, NalUnitType.isIrap(24));
    }
}
