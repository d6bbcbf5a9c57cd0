package io.camelmedia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;

/** {@link FrameMd5} parsing ffmpeg 8 framemd5 text and {@link FrameMd5Comparator} catching each kind of mismatch. */
class FrameMd5Test {
    /** Head of `ffmpeg -copyts -i h264.flv -c copy -f framemd5 -` (ffmpeg 8.0.1), packets replaced by ours. */
    private static final String TEXT = """
            #format: frame checksums
            #version: 2
            #hash: MD5
            #extradata 0,                              29, bfbc4d271bc08d23565c8e7bc68e6036
            #extradata 1,                               5, ff45c3a76898cdd565877d2f8752846e
            #software: Lavf62.3.100
            #tb 0: 1/1000
            #media_type 0: video
            #codec_id 0: h264
            #dimensions 0: 320x240
            #sar 0: 1/1
            #tb 1: 1/1000
            #media_type 1: audio
            #codec_id 1: aac
            #sample_rate 1: 44100
            #channel_layout_name 1: mono
            #stream#, dts,        pts, duration,     size, hash
            1,          0,          0,       23,        3, 900150983cd24fb0d6963f7d28e17f72
            0,         40,         80,       40,        3, 900150983cd24fb0d6963f7d28e17f72
            """;
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void parsesHeadersAndPackets() {
        FrameMd5 ref = FrameMd5.parse(TEXT);
        assertEquals("h264", ref.stream(0).codecId());
        assertEquals(1000, ref.stream(0).tbDen());
        assertEquals(29, ref.stream(0).extradataSize());
        assertEquals(1, ref.streamOf("audio").orElseThrow().index());
        assertEquals(2, ref.packets().size());
        FrameMd5.Packet v = ref.packets(0).get(0);
        assertEquals(40, v.dts());
        assertEquals(80, v.pts());
        assertNull(v.keyframe());
        assertEquals(Boolean.FALSE, ref.withKeyframes("1,K__\n0,___\n").packets(0).get(0).keyframe());
    }

    @Test
    void comparatorAcceptsMatchingFramesAndNamesEachMismatch() {
        FrameMd5 ref = FrameMd5.parse(TEXT).withKeyframes("1,K__\n0,K__\n");
        Track video = Track.builder(1, Codec.H264).build();
        FrameMd5Comparator.assertMatches(ref, 0, List.of(MediaFrame.of(video, 7200, 3600, true, BitstreamFormat.AVCC, ABC)));
        List<String> bad = FrameMd5Comparator.compare(ref, 0,
                List.of(MediaFrame.of(video, 7290, 3600, false, BitstreamFormat.AVCC, "abd".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).contains("pts 80 vs 81") && bad.get(0).contains("keyframe true vs false")
                && bad.get(0).contains("md5"), bad.get(0));
        assertThrows(AssertionError.class, () -> FrameMd5Comparator.assertMatches(ref, 0, List.of()));
        Track audio = Track.builder(2, Codec.AAC).sampleRate(44_100).build();
        FrameMd5Comparator.assertMatches(ref, 1, List.of(MediaFrame.of(audio, 0, 0, true, BitstreamFormat.RAW, ABC)));
    }
}
