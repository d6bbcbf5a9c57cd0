package io.camelmedia.codec.vp9;

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

/** vpcC records and uncompressed headers of libvpx-vp9 output. */
class Vp9Test {
    /** name, profile, chromaSubsampling, width, height. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("libvpx 320x240 profile0", 0, 1, 320, 240),
                Arguments.of("libvpx 250x150 profile1 444", 1, 3, 250, 150));
    }

    static String file(String name) {
        return "vp9/" + name.replace(' ', '-');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void record(String name, int profile, int chroma) {
        byte[] config = Samples.config(file(name));
        VpCodecConfigurationRecord r = VpCodecConfigurationRecord.decode(Samples.embed(config, 2), 2, config.length);
        assertEquals(profile, r.profile());
        assertEquals(8, r.bitDepth());
        assertEquals(chroma, r.chromaSubsampling());
        assertArrayEquals(config, r.encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void frameHeaders(String name, int profile, int chroma, int width, int height) {
        List<Samples.Packet> packets = Samples.packets(file(name));
        for (Samples.Packet p : packets) {
            FrameHeader h = FrameHeader.decode(p.data());
            assertEquals(profile, h.profile());
            assertEquals(p.key(), h.isKeyFrame());
            if (p.key()) {
                assertEquals(width, h.width());
                assertEquals(height, h.height());
                assertEquals(8, h.bitDepth());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        Fuzz.run("vpcC " + name, Samples.config(file(name)), b -> {
            VpCodecConfigurationRecord r = VpCodecConfigurationRecord.decode(b);
            assertEquals(r, VpCodecConfigurationRecord.decode(r.encode()));
        });
        byte[] key = Samples.packets(file(name)).get(0).data();
        Fuzz.run("vp9 frame " + name, java.util.Arrays.copyOf(key, 16), b -> FrameHeader.decode(b));
    }

    @Test
    void flvSequenceStartCarriesTheFullBoxHeader() {
        // what ffmpeg 8's FLV muxer sends after the 'vp09' FourCC (libvpx-vp9, 320x240 4:2:0)
        byte[] flv = Samples.hex("01000000 00 14 80 02 02 02 0000");
        VpCodecConfigurationRecord r = VpCodecConfigurationRecord.decode(flv);
        assertEquals(true, r.hasFullBoxHeader());
        assertEquals(0, r.profile());
        assertEquals(20, r.level());
        assertEquals(8, r.bitDepth());
        assertArrayEquals(flv, r.encode());
        CodecException e = assertThrows(CodecException.class,
                () -> VpCodecConfigurationRecord.decode(Samples.hex("00 14 00 02 02 02 0000")));
        assertEquals("VPCodecConfigurationRecord: bitDepth 0 is invalid (must be 8, 10 or 12) at offset 2", e.getMessage());
    }

    @Test
    void showExistingFrame() {
        FrameHeader h = FrameHeader.decode(Samples.hex("88")); // marker 2, profile 0, show_existing_frame 1
        assertEquals(true, h.showExistingFrame());
        assertEquals(false, h.isKeyFrame());
    }

    @Test
    void notAVp9Frame() {
        CodecException e = assertThrows(CodecException.class, () -> FrameHeader.decode(Samples.hex("4000")));
        assertEquals("VP9 uncompressed_header: frame_marker 1 is invalid (must be 2) at offset 0", e.getMessage());
    }
}
