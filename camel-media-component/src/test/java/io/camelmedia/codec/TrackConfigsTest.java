package io.camelmedia.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrackConfigsTest {
    /** sample, codec, width, height, sample rate, channels, clock rate. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("h264/openh264-320x240-baseline", Codec.H264, 320, 240, 0, 0, 90000),
                Arguments.of("h264/openh264-320x180-high", Codec.H264, 320, 180, 0, 0, 90000),
                Arguments.of("h264/x264-250x150-high444-cqm", Codec.H264, 250, 150, 0, 0, 90000),
                Arguments.of("h264/x264-320x240-high10-interlaced", Codec.H264, 320, 240, 0, 0, 90000),
                Arguments.of("h265/x265-main-320x240", Codec.H265, 320, 240, 0, 0, 90000),
                Arguments.of("h265/x265-main10-320x180-repeat-headers", Codec.H265, 320, 180, 0, 0, 90000),
                Arguments.of("h265/x265-main444-250x150", Codec.H265, 250, 150, 0, 0, 90000),
                Arguments.of("av1/libaom-320x240", Codec.AV1, 320, 240, 0, 0, 90000),
                Arguments.of("av1/libsvtav1-320x240", Codec.AV1, 320, 240, 0, 0, 90000),
                Arguments.of("vp9/libvpx-320x240-profile0", Codec.VP9, 0, 0, 0, 0, 90000),
                Arguments.of("aac/aac-lc-48000-stereo", Codec.AAC, 0, 0, 48000, 2, 48000),
                Arguments.of("aac/aac-lc-44100-mono", Codec.AAC, 0, 0, 44100, 1, 44100),
                Arguments.of("aac/aac-lc-8000-6ch", Codec.AAC, 0, 0, 8000, 6, 8000),
                Arguments.of("opus/libopus-48000-5.1", Codec.OPUS, 0, 0, 48000, 6, 48000),
                Arguments.of("opus/libopus-48000-mono", Codec.OPUS, 0, 0, 48000, 1, 48000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracksFromRealConfigs(String sample, Codec codec, int width, int height, int rate, int channels, int clock) {
        byte[] config = Samples.config(sample);
        Track t = TrackConfigs.track(7, codec, config);
        assertEquals(7, t.id());
        assertEquals(codec, t.codec());
        assertArrayEquals(config, t.config());
        assertEquals(width, t.width());
        assertEquals(height, t.height());
        assertEquals(rate, t.sampleRate());
        assertEquals(channels, t.channels());
        assertEquals(clock, t.clockRate());
    }

    @Test
    void emptyOrMissingConfigGivesAnUndescribedTrack() {
        for (Codec c : Codec.values()) {
            Track t = TrackConfigs.track(1, c, new byte[0]);
            assertEquals(0, t.width());
            assertEquals(0, t.configLength());
            assertEquals(true, t.clockRate() > 0);
        }
        assertEquals(0, TrackConfigs.track(1, Codec.H264, null).configLength());
    }

    @Test
    void otherCodecsKeepTheirConfig() {
        byte[] anything = {1, 2, 3};
        assertArrayEquals(anything, TrackConfigs.track(1, Codec.MP3, anything).config());
        assertEquals(8000, TrackConfigs.track(1, Codec.PCMU, anything).clockRate());
    }

    @Test
    void malformedConfigsAreCodecExceptions() {
        CodecException e = assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.H264, Samples.hex("01 42")));
        assertEquals("AVCDecoderConfigurationRecord: header needs 6 bytes but only 2 are left at offset 0 [0142]",
                e.getMessage());
        assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.H265, Samples.hex("01")));
        assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.AV1, Samples.hex("81")));
        assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.VP9, Samples.hex("00")));
        assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.AAC, Samples.hex("16")));
        assertThrows(CodecException.class, () -> TrackConfigs.track(1, Codec.OPUS, Samples.hex("4f707573")));
    }

    @Test
    void keyframeInfoFillsAnUnknownSize() {
        Track vp9 = TrackConfigs.track(1, Codec.VP9, Samples.config("vp9/libvpx-250x150-profile1-444"));
        Track sized = TrackConfigs.withKeyframeInfo(vp9, Samples.packets("vp9/libvpx-250x150-profile1-444").get(0).data());
        assertEquals(250, sized.width());
        assertEquals(150, sized.height());
        assertSame(sized, TrackConfigs.withKeyframeInfo(sized, Samples.packets("vp9/libvpx-320x240-profile0").get(0).data()));
        assertSame(vp9, TrackConfigs.withKeyframeInfo(vp9, Samples.packets("vp9/libvpx-250x150-profile1-444").get(1).data()),
                "an inter frame tells nothing");

        Track av1 = TrackConfigs.track(2, Codec.AV1, new byte[0]);
        Track av1Sized = TrackConfigs.withKeyframeInfo(av1, Samples.packets("av1/libaom-250x150-444-10bit").get(0).data());
        assertEquals(250, av1Sized.width());
        assertEquals(150, av1Sized.height());

        Track aac = TrackConfigs.track(3, Codec.AAC, Samples.config("aac/aac-lc-48000-stereo"));
        assertSame(aac, TrackConfigs.withKeyframeInfo(aac, new byte[]{1, 2}));
    }
}
