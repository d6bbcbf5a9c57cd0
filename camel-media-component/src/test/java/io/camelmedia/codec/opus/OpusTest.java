package io.camelmedia.codec.opus;

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

/** OpusHead of libopus (via ffmpeg's Ogg muxer) and packet durations from the TOC. */
class OpusTest {
    /** name, channels, family, streams, coupled. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("libopus 48000 stereo", 2, 0, 1, 1),
                Arguments.of("libopus 48000 mono", 1, 0, 1, 0),
                Arguments.of("libopus 48000 5.1", 6, 1, 4, 2));
    }

    static String file(String name) {
        return "opus/" + name.replace(' ', '-');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opusHead(String name, int channels, int family, int streams, int coupled) {
        byte[] head = Samples.config(file(name));
        OpusHead h = OpusHead.decode(Samples.embed(head, 5), 5, head.length);
        assertEquals(1, h.version());
        assertEquals(channels, h.channelCount());
        assertEquals(family, h.channelMappingFamily());
        assertEquals(streams, h.streamCount());
        assertEquals(coupled, h.coupledCount());
        assertEquals(48000, h.inputSampleRate());
        assertEquals(312, h.preSkip());
        assertArrayEquals(head, h.encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packetDurationsMatchFfprobe(String name) {
        for (Samples.Packet p : Samples.packets(file(name))) {
            assertEquals(p.duration(), OpusToc.packetSamples(p.data()), name);
        }
    }

    @ParameterizedTest(name = "toc {0}")
    @CsvSource({
        "fc, 960", "f8, 960", "f9 , 1920", "fb 03, 2880", "08, 960", "00, 480", "18, 2880", "80, 120",
        "83 30, 5760",
    })
    void tocDurations(String hex, int samples) {
        assertEquals(samples, OpusToc.packetSamples(Samples.hex(hex)));
    }

    @Test
    void malformed() {
        assertThrows(CodecException.class, () -> OpusToc.packetSamples(new byte[0]));
        CodecException e = assertThrows(CodecException.class, () -> OpusToc.packetSamples(Samples.hex("1b 03")));
        assertEquals("Opus packet: duration in 48 kHz samples 8640 exceeds the limit 5760 at offset 1", e.getMessage());
        byte[] head = Samples.config(file("libopus 48000 stereo"));
        head[9] = 3;
        CodecException c = assertThrows(CodecException.class, () -> OpusHead.decode(head));
        assertEquals("OpusHead: channel count (family 0) 3 exceeds the limit 2 at offset 9", c.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        Fuzz.run("opushead " + name, Samples.config(file(name)), b -> {
            OpusHead h = OpusHead.decode(b);
            assertEquals(h, OpusHead.decode(h.encode()));
        });
        Fuzz.run("opus toc " + name, java.util.Arrays.copyOf(Samples.packets(file(name)).get(0).data(), 4),
                b -> OpusToc.packetSamples(b));
    }
}
