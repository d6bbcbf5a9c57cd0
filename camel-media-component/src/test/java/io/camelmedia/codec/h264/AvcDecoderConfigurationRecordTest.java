package io.camelmedia.codec.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvcDecoderConfigurationRecordTest {
    /** name, profile, level, #sps, #pps, high-profile tail present, width, height, chroma, luma depth, interlaced. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("openh264 320x240 baseline", 66, 11, 1, 1, false, 320, 240, 1, 8, false),
                Arguments.of("openh264 320x180 high", 100, 20, 1, 1, true, 320, 180, 1, 8, false),
                Arguments.of("x264 320x240 high aud repeat-headers", 100, 12, 1, 1, true, 320, 240, 1, 8, false),
                Arguments.of("x264 250x150 high444 cqm", 244, 11, 1, 1, true, 250, 150, 3, 8, false),
                Arguments.of("x264 320x240 high10 interlaced", 110, 21, 1, 1, true, 320, 240, 1, 10, true));
    }

    static String file(String name) {
        return "h264/" + name.replace(' ', '-');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesRealRecordsAndTheirSps(String name, int profile, int level, int sps, int pps, boolean tail, int width,
                                       int height, int chroma, int depth, boolean interlaced) {
        byte[] config = Samples.config(file(name));
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(config);
        assertEquals(profile, r.avcProfileIndication());
        assertEquals(level, r.avcLevelIndication());
        assertEquals(4, r.lengthSize());
        assertEquals(sps, r.sequenceParameterSets().size());
        assertEquals(pps, r.pictureParameterSets().size());
        if (tail) {
            assertNotNull(r.highProfileTail());
            assertEquals(chroma, r.highProfileTail().chromaFormat());
            assertEquals(depth - 8, r.highProfileTail().bitDepthLumaMinus8());
        } else if (!AvcDecoderConfigurationRecord.hasHighProfileTail(profile)) {
            assertNull(r.highProfileTail());
        }
        Sps s = Sps.decode(r.sequenceParameterSets().get(0));
        assertEquals(profile, s.profileIdc());
        assertEquals(level, s.levelIdc());
        assertEquals(width, s.width(), "width");
        assertEquals(height, s.height(), "height");
        assertEquals(chroma, s.chromaFormatIdc());
        assertEquals(depth - 8, s.bitDepthLumaMinus8());
        assertEquals(!interlaced, s.frameMbsOnlyFlag());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeGivesBackTheSameBytes(String name) {
        byte[] config = Samples.config(file(name));
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(config);
        assertArrayEquals(config, r.encode());
        assertEquals(config.length, r.encodedLength());
        assertEquals(r, AvcDecoderConfigurationRecord.decode(r.encode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAtANonZeroOffsetWithoutChangingTheInput(String name) {
        byte[] config = Samples.config(file(name));
        byte[] buf = Samples.embed(config, 13);
        byte[] before = buf.clone();
        assertArrayEquals(config, AvcDecoderConfigurationRecord.decode(buf, 13, config.length).encode());
        assertArrayEquals(before, buf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ofRebuildsTheRecordFromItsParameterSets(String name) {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(Samples.config(file(name)));
        AvcDecoderConfigurationRecord built = AvcDecoderConfigurationRecord.of(r.sequenceParameterSets(),
                r.pictureParameterSets());
        assertEquals(r.avcProfileIndication(), built.avcProfileIndication());
        assertEquals(r.profileCompatibility(), built.profileCompatibility());
        assertEquals(r.sequenceParameterSets().size(), built.sequenceParameterSets().size());
        assertEquals(AvcDecoderConfigurationRecord.hasHighProfileTail(r.avcProfileIndication()),
                built.highProfileTail() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        byte[] config = Samples.config(file(name));
        Fuzz.run("avcC " + name, config, b -> {
            AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(b);
            assertEquals(r, AvcDecoderConfigurationRecord.decode(r.encode()));
            for (byte[] sps : r.sequenceParameterSets()) {
                Sps.decode(sps);
            }
        });
    }

    @Test
    void truncatedRecordNamesTheField() {
        byte[] config = Samples.config(file("openh264 320x240 baseline"));
        CodecException e = assertThrows(CodecException.class,
                () -> AvcDecoderConfigurationRecord.decode(config, 0, 12));
        assertEquals("AVCDecoderConfigurationRecord: sequenceParameterSet needs 14 bytes but only 4 are left at "
                + "offset 8 [6742c00b]", e.getMessage());
        CodecException v = assertThrows(CodecException.class,
                () -> AvcDecoderConfigurationRecord.decode(Samples.hex("02 42c00b ff e0 00")));
        assertEquals("AVCDecoderConfigurationRecord: configurationVersion 2 is invalid (must be 1) at offset 1",
                v.getMessage());
    }

    @Test
    void spsWithCroppingOddSizes() {
        // openh264 320x180: 12 macroblock rows, frame_crop_bottom_offset 6 (x2 for 4:2:0)
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.decode(Samples.config(file("openh264 320x180 high")));
        assertEquals(180, Sps.decode(r.sequenceParameterSets().get(0)).height());
    }

    @Test
    void spsRejectsOtherNalUnits() {
        assertThrows(CodecException.class, () -> Sps.decode(Samples.hex("68ce3c80")));
        assertThrows(CodecException.class, () -> Sps.decode(new byte[0]));
    }
}
