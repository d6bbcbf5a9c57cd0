package io.camelmedia.codec.av1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.Fuzz;
import io.camelmedia.codec.Samples;
import io.camelmedia.codec.bits.ByteReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** AV1CodecConfigurationRecord, sequence_header_obu, OBU headers and temporal units on libaom / SVT-AV1 output. */
class Av1Test {
    /** name, seq_profile, width, height, bit depth, subsampling x, y. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("libaom 320x240", 0, 320, 240, 8, 1, 1),
                Arguments.of("libsvtav1 320x240", 0, 320, 240, 8, 1, 1),
                Arguments.of("libaom 250x150 444 10bit", 1, 250, 150, 10, 0, 0));
    }

    static String file(String name) {
        return "av1/" + name.replace(' ', '-');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recordAndItsSequenceHeader(String name, int profile, int width, int height, int depth, int sx, int sy) {
        byte[] config = Samples.config(file(name));
        Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.decode(config);
        assertEquals(profile, r.seqProfile());
        assertEquals(depth > 8, r.highBitdepth());
        assertEquals(sx, r.chromaSubsamplingX());
        assertEquals(sy, r.chromaSubsamplingY());
        SequenceHeader s = r.sequenceHeader();
        assertNotNull(s);
        assertEquals(profile, s.seqProfile());
        assertEquals(r.seqLevelIdx0(), s.seqLevelIdx0());
        assertEquals(width, s.maxFrameWidth());
        assertEquals(height, s.maxFrameHeight());
        assertEquals(depth, s.bitDepth());
        assertEquals(sx, s.colorConfig().subsamplingX());
        assertEquals(sy, s.colorConfig().subsamplingY());
        assertArrayEquals(config, r.encode());
        byte[] buf = Samples.embed(config, 6);
        assertArrayEquals(config, Av1CodecConfigurationRecord.decode(buf, 6, config.length).encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ofRebuildsTheRecordFromTheSequenceHeaderObu(String name) {
        byte[] config = Samples.config(file(name));
        Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.decode(config);
        Av1CodecConfigurationRecord built = Av1CodecConfigurationRecord.of(r.configObus());
        assertArrayEquals(java.util.Arrays.copyOf(config, 3), java.util.Arrays.copyOf(built.encode(), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keyFramesOfRealTemporalUnits(String name, int profile, int width, int height) {
        List<Samples.Packet> packets = Samples.packets(file(name));
        for (Samples.Packet p : packets) {
            assertEquals(p.key(), TemporalUnit.isKeyFrame(p.data(), 0, p.data().length), name);
        }
        SequenceHeader s = TemporalUnit.sequenceHeader(packets.get(0).data(), 0, packets.get(0).data().length);
        assertEquals(width, s.maxFrameWidth());
        assertEquals(height, s.maxFrameHeight());
        List<TemporalUnit.Obu> obus = TemporalUnit.split(packets.get(0).data(), 0, packets.get(0).data().length);
        // MP4 samples carry no temporal delimiter (AV1 ISOBMFF binding 2.4): the key unit starts with the sequence header
        assertEquals(ObuType.SEQUENCE_HEADER, obus.get(0).header().obuType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fuzz(String name) {
        Fuzz.run("av1C " + name, Samples.config(file(name)), b -> {
            Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.decode(b);
            r.sequenceHeader();
            assertEquals(r, Av1CodecConfigurationRecord.decode(r.encode()));
        });
        byte[] key = Samples.packets(file(name)).get(0).data();
        Fuzz.run("av1 tu " + name, java.util.Arrays.copyOf(key, Math.min(key.length, 64)), 1000,
                b -> TemporalUnit.isKeyFrame(b, 0, b.length));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"00, 0", "7f, 127", "8001, 128", "e58e26, 624485", "ffffffff0f, 4294967295"})
    void leb128(String hex, long value) {
        byte[] b = Samples.hex(hex);
        assertEquals(value, Leb128.read(new ByteReader("t", b, 0, b.length), "v"));
        byte[] out = new byte[Leb128.size(value)];
        Leb128.write(value, out, 0);
        assertArrayEquals(b, out);
    }

    @Test
    void leb128Limits() {
        byte[] nine = Samples.hex("808080808080808080 00");
        assertThrows(CodecException.class, () -> Leb128.read(new ByteReader("t", nine, 0, nine.length), "v"));
        byte[] big = Samples.hex("8080808010");
        CodecException e = assertThrows(CodecException.class, () -> Leb128.read(new ByteReader("t", big, 0, big.length), "v"));
        assertEquals("t: v 4294967296 exceeds the limit 4294967295 at offset 5", e.getMessage());
    }

    @Test
    void obuHeaderWithExtension() {
        byte[] b = Samples.hex("36 48 05");  // FRAME, extension, size: temporal_id 2, spatial_id 1, size 5
        ObuHeader h = ObuHeader.read(new ByteReader("t", b, 0, b.length));
        assertEquals(new ObuHeader(ObuType.FRAME, true, true, 2, 1, 5, 3), h);
    }

    @Test
    void badMarkerIsRejected() {
        CodecException e = assertThrows(CodecException.class, () -> Av1CodecConfigurationRecord.decode(Samples.hex("01000000")));
        assertEquals("AV1CodecConfigurationRecord: marker/version 1 is invalid (marker must be 1 and version 1 (0x81)) "
                + "at offset 0", e.getMessage());
    }
}
