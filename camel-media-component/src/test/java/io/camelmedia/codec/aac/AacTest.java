package io.camelmedia.codec.aac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** AudioSpecificConfig and ADTS on ffmpeg's native AAC encoder output, plus spec-built escape cases. */
class AacTest {
    /** name, sample rate, channelConfiguration, channels. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("aac lc 48000 stereo", 48000, 2, 2),
                Arguments.of("aac lc 44100 mono", 44100, 1, 1),
                Arguments.of("aac lc 8000 6ch", 8000, 6, 6));
    }

    static String file(String name) {
        return "aac/" + name.replace(' ', '-');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void audioSpecificConfigOfFfmpeg(String name, int rate, int channelConfig, int channels) {
        byte[] config = Samples.config(file(name));
        AudioSpecificConfig asc = AudioSpecificConfig.decode(Samples.embed(config, 3), 3, config.length);
        assertEquals(AudioSpecificConfig.AOT_AAC_LC, asc.audioObjectType());
        assertEquals(rate, asc.samplingFrequency());
        assertEquals(rate, asc.outputSamplingFrequency());
        assertEquals(channelConfig, asc.channelConfiguration());
        assertEquals(channels, asc.channels());
        assertEquals(false, asc.sbrPresent());
        assertEquals(1024, asc.samplesPerFrame());
        assertArrayEquals(config, asc.encode(), "ffmpeg's 0x2b7 'no SBR' sync extension is written back");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adtsFramesOfFfmpeg(String name, int rate, int channelConfig) {
        byte[] adts = Samples.bytes(file(name) + ".adts");
        AudioSpecificConfig asc = AudioSpecificConfig.decode(Samples.config(file(name)));
        int pos = 0;
        int frames = 0;
        while (pos + AdtsHeader.HEADER_LENGTH <= adts.length) {
            AdtsHeader h = AdtsHeader.decode(adts, pos, adts.length - pos);
            assertEquals(rate, h.samplingFrequency());
            assertEquals(channelConfig, h.channelConfiguration());
            assertEquals(AudioSpecificConfig.AOT_AAC_LC, h.audioObjectType());
            assertEquals(asc.samplingFrequency(), h.audioSpecificConfig().samplingFrequency());
            assertArrayEquals(java.util.Arrays.copyOfRange(adts, pos, pos + 7), h.encode());
            assertEquals(h, AdtsHeader.of(asc, h.payloadLength()));
            pos += h.frameLength();
            frames++;
        }
        assertEquals(true, frames >= 2, "walked " + frames + " frames");
    }

    /** Hand-built from ISO/IEC 14496-3 1.6.2.1 (no encoder here makes these). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "escape object type 42 (USAC), f9 46 20, 42, 48000, 1",
        "explicit 24-bit rate 12345, 17 80 18 1c 90, 2, 12345, 2",
        "HE-AAC explicit hierarchical 24000->48000, 2b 11 88 00, 2, 24000, 2",
        "HE-AACv2 (PS) mono, eb 09 88 00, 2, 24000, 1",
    })
    void specBuiltConfigs(String name, String hex, int aot, int rate, int channelConfig) {
        byte[] b = Samples.hex(hex);
        AudioSpecificConfig asc = AudioSpecificConfig.decode(b);
        assertEquals(aot, asc.audioObjectType(), name);
        assertEquals(rate, asc.samplingFrequency(), name);
        assertEquals(channelConfig, asc.channelConfiguration(), name);
        assertEquals(asc, AudioSpecificConfig.decode(asc.encode()), name);
        if (name.startsWith("HE-AAC")) {
            assertEquals(true, asc.sbrPresent());
            assertEquals(48000, asc.outputSamplingFrequency());
            assertEquals(2, asc.channels());
            assertEquals(2048, asc.samplesPerFrame());
        }
    }

    @Test
    void encodeOfPlainConfigs() {
        assertArrayEquals(Samples.hex("1190"), AudioSpecificConfig.of(2, 48000, 2).encode());
        assertArrayEquals(Samples.hex("1210"), AudioSpecificConfig.of(2, 44100, 2).encode());
        assertArrayEquals(Samples.hex("1780181c90"), AudioSpecificConfig.of(2, 12345, 2).encode());
    }

    @Test
    void malformed() {
        CodecException e = assertThrows(CodecException.class, () -> AudioSpecificConfig.decode(Samples.hex("16")));
        assertEquals("AudioSpecificConfig: samplingFrequencyIndex needs 4 bits but only 3 are left at bit offset 5",
                e.getMessage());
        assertThrows(CodecException.class, () -> AudioSpecificConfig.decode(Samples.hex("16 80")));   // index 13 reserved
        CodecException a = assertThrows(CodecException.class, () -> AdtsHeader.decode(Samples.hex("fff1 5080 0000 fc")));
        assertEquals("ADTS header: aac_frame_length 0 is invalid (shorter than the header) at offset 3", a.getMessage());
        assertThrows(CodecException.class, () -> AdtsHeader.decode(Samples.hex("fff7 5080 0000 fc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        Fuzz.run("asc " + name, Samples.config(file(name)), b -> {
            AudioSpecificConfig asc = AudioSpecificConfig.decode(b);
            assertEquals(asc, AudioSpecificConfig.decode(asc.encode()));
        });
        byte[] adts = java.util.Arrays.copyOf(Samples.bytes(file(name) + ".adts"), 9);
        Fuzz.run("adts " + name, adts, b -> {
            AdtsHeader h = AdtsHeader.decode(b);
            assertEquals(h, AdtsHeader.decode(h.encode()));
        });
    }
}
