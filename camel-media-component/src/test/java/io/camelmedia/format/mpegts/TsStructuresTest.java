package io.camelmedia.format.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.codec.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PSI sections, CRC and PES header bytes against tables checked by hand and against ffmpeg 8's output. */
class TsStructuresTest {

    static Stream<Arguments> crcs() {
        return Stream.of(
                // the CRC-32/MPEG-2 catalogue check value
                Arguments.of("check string 123456789", "123456789".getBytes(StandardCharsets.US_ASCII), 0x0376E6E7),
                Arguments.of("empty", new byte[0], 0xFFFFFFFF),
                // ffmpeg 8's PAT: the CRC over the section with its own CRC_32 is zero (Annex A)
                Arguments.of("ffmpeg8 PAT incl. CRC", Samples.hex("00b00d0001c100000001f0002ab104b2"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crcs")
    void crc32Mpeg2(String name, byte[] data, int crc) {
        assertEquals(crc, Crc32Mpeg2.of(data, 0, data.length));
        byte[] embedded = Samples.embed(data, 5);
        assertEquals(crc, Crc32Mpeg2.of(embedded, 5, data.length), "at a non-zero offset");
    }

    @Test
    void patIsFfmpegs() {
        // table_id 0 | 1 0 11 section_length 13 | tsid 1 | 11 v0 1 | sec 0 | last 0 | program 1 | 111 PID 0x1000 | CRC
        byte[] expected = Samples.hex("00 b00d 0001 c1 00 00 0001 f000 2ab104b2");
        assertArrayEquals(expected, new ProgramAssociationSection(1, 0, 1, 0x1000).encode());
    }

    static Stream<Arguments> pmts() {
        return Stream.of(
                Arguments.of("ffmpeg8 libopenh264 + aac", new ProgramMapSection(1, 0, 0x100, List.of(
                        new ProgramMapSection.Stream(StreamType.H264, 0x100),
                        new ProgramMapSection.Stream(StreamType.AAC_ADTS, 0x101))),
                        // 02 | b0 17 | program 1 | c1 00 00 | PCR_PID e1 00 | f0 00 | 1b e100 f000 | 0f e101 f000 | CRC
                        "02 b017 0001 c10000 e100 f000 1b e100 f000 0f e101 f000 2f44b99b"),
                Arguments.of("ffmpeg8 libmp3lame 44.1 kHz only", new ProgramMapSection(1, 0, 0x100, List.of(
                        new ProgramMapSection.Stream(StreamType.MPEG1_AUDIO, 0x100))),
                        "02 b012 0001 c10000 e100 f000 03 e100 f000 d786445c"),
                Arguments.of("ffmpeg8 copy of x265 + aac (HEVC registration, 'und' language)",
                        new ProgramMapSection(1, 0, 0x100, List.of(
                                new ProgramMapSection.Stream(StreamType.H265, 0x100, StreamType.descriptors(io.camelmedia.frame.Track.builder(1, io.camelmedia.frame.Codec.H265).build())),
                                new ProgramMapSection.Stream(StreamType.AAC_ADTS, 0x101, Samples.hex("0a04756e6400")))),
                        "02 b023 0001 c10000 e100 f000 24 e100 f006 050448455643 0f e101 f006 0a04756e6400 e5e1aa7e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pmts")
    void pmtIsFfmpegs(String name, ProgramMapSection pmt, String hex) {
        assertArrayEquals(Samples.hex(hex), pmt.encode());
        assertEquals(pmt.size(), pmt.encode().length);
    }

    static Stream<Arguments> pesHeaders() {
        return Stream.of(
                // ffmpeg's first video PTS (1.4 s = 126000): the well-known 21 00 07 d8 61
                Arguments.of("pts 126000 audio", new PesHeader(0xC0, 126_000, 126_000, 100),
                        "000001 c0 006c 84 80 05 21 0007 d861"),
                // '0011' PTS then '0001' DTS; 3003 = 0x0bbb: its 15 low bits shifted left with the marker give 17 77
                Arguments.of("pts 6006 dts 3003 video", new PesHeader(0xE0, 6006, 3003, 1000),
                        "000001 e0 03f5 84 c0 0a 31 0001 2eed 11 0001 1777"),
                // 33-bit wrap: 2^33 + 5 is written as 5, -1 as 2^33 - 1 (all ones, markers set)
                Arguments.of("pts 2^33+5 wraps", new PesHeader(0xC0, (1L << 33) + 5, (1L << 33) + 5, 0),
                        "000001 c0 0008 84 80 05 21 0001 000b"),
                Arguments.of("pts -1 wraps", new PesHeader(0xC0, -1, -1, 0),
                        "000001 c0 0008 84 80 05 2f ffff ffff"),
                // a video PES over 65535 bytes: PES_packet_length 0
                Arguments.of("video 70000 bytes unbounded", new PesHeader(0xE0, 0, 0, 70_000),
                        "000001 e0 0000 84 80 05 21 0001 0001"),
                // largest bounded: 65535 - 8 payload bytes
                Arguments.of("audio at the length limit", new PesHeader(0xC0, 0, 0, 65_535 - 8),
                        "000001 c0 ffff 84 80 05 21 0001 0001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pesHeaders")
    void pesHeaderBits(String name, PesHeader header, String hex) {
        byte[] expected = Samples.hex(hex);
        assertArrayEquals(expected, header.encode());
        byte[] at = new byte[expected.length + 9];
        assertEquals(3 + expected.length, header.encode(at, 3), "returns the position after the header");
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(at, 3, 3 + expected.length));
    }

    @Test
    void audioPesOverTheLengthLimitIsRefused() {
        PesHeader h = new PesHeader(0xC0, 0, 0, 65_535 - 7);
        TsException e = org.junit.jupiter.api.Assertions.assertThrows(TsException.class, h::encode);
        assertEquals("PES_packet_length: 65536 exceeds 65535 on stream_id 0xc0 (only video may use 0, unbounded)",
                e.getMessage());
    }

    static Stream<Arguments> clocks() {
        return Stream.of(
                Arguments.of(90_000, 123_456L, 123_456L),
                Arguments.of(48_000, 1024L, 1920L), // exact: 1024 * 15 / 8
                Arguments.of(44_100, 1152L, 2351L), // 2351.02 rounds down
                Arguments.of(44_100, 1L, 2L), // 2.04
                Arguments.of(8_000, 1L, 11L), // 11.25
                Arguments.of(16_000, 1L, 6L), // 5.625 rounds up
                Arguments.of(32_000, 1L, 3L), // 2.8125
                Arguments.of(48_000, -1024L, -1920L),
                Arguments.of(44_100, -1L, -2L)); // -2.04
    }

    @ParameterizedTest(name = "{1} ticks at {0} Hz")
    @MethodSource("clocks")
    void timeStampsConvertToNinetyKilohertzRounded(int rate, long ticks, long expected) {
        assertEquals(expected, SystemClock.to90k(ticks, rate));
    }
}
