package io.camelmedia.process.filein;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.aac.AdtsHeader;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packet-to-frame rules of {@link StreamTrack}, on hand-made packets (the real files are MediaFilePlayerTest's). */
class StreamTrackTest {
    private static final long NO = StreamTrack.NO_TIMESTAMP;
    private static final Track H264 = Track.builder(1, Codec.H264).build();
    private static final byte[] ASC = AudioSpecificConfig.of(AudioSpecificConfig.AOT_AAC_LC, 48_000, 2).encode();

    @ParameterizedTest(name = "{0} * {1} / {2} = {3}")
    @CsvSource({
        "512, 90000, 12800, 3600",     // MP4 video time base 1/12800 to 90 kHz
        "1, 90000, 12800, 7",          // 7.03 rounds down
        "3, 48000, 90000, 2",          // 1.6 rounds up
        "-1024, 48000, 48000, -1024",  // AAC priming before 0
        "-1, 1, 2, 0",                 // -0.5 rounds half up
    })
    void rescaleRoundsToNearest(long value, long num, long den, long expected) {
        assertEquals(expected, StreamTrack.rescale(value, num, den));
    }

    @Test
    void rescaleSurvivesOverflow() {
        assertEquals(9.0e18, StreamTrack.rescale(100_000_000_000_000L, 90_000, 1), 1e6);
    }

    @Test
    void twoByteNalLengthsBecomeFour() {
        StreamTrack t = new StreamTrack(0, H264, StreamTrack.Framing.LENGTH_PREFIXED, 2, 1, 1000, 1 << 20);
        MediaFrame f = t.frame(new byte[] {0, 2, 0x65, 0x11, 0, 1, 0x06}, 40, 40, 0, true);
        assertArrayEquals(new byte[] {0, 0, 0, 2, 0x65, 0x11, 0, 0, 0, 1, 0x06}, f.payloadBytes());
        assertEquals(BitstreamFormat.AVCC, f.format());
        assertEquals(3600, f.pts());
    }

    @Test
    void annexBWithoutParameterSetsIsDroppedThenAvccWithoutDelimiters() {
        StreamTrack t = new StreamTrack(0, H264, StreamTrack.Framing.ANNEX_B, 0, 1, 90_000, 1 << 20);
        byte[] delimiterAndSlice = {0, 0, 0, 1, 0x09, (byte) 0xF0, 0, 0, 0, 1, 0x41, 0x22};
        assertNull(t.frame(delimiterAndSlice, 0, 0, 0, false));
        assertEquals(1, t.dropped());
        assertTrue(!t.configured());
    }

    @Test
    void adtsHeaderIsStripped() {
        Track aac = TrackConfigs.track(2, Codec.AAC, ASC);
        StreamTrack t = new StreamTrack(1, aac, StreamTrack.Framing.ADTS, 0, 1, 90_000, 1 << 20);
        byte[] raw = {0x21, 0x10, 0x05};
        byte[] header = AdtsHeader.of(AudioSpecificConfig.decode(ASC), raw.length).encode();
        byte[] packet = new byte[header.length + raw.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(raw, 0, packet, header.length, raw.length);
        MediaFrame f = t.frame(packet, 90_000, NO, 0, false);
        assertArrayEquals(raw, f.payloadBytes());
        assertEquals(48_000, f.pts());
        assertEquals(48_000, f.dts());
        assertTrue(f.keyframe(), "audio frames are all key frames");
    }

    /** Matroska: no dts; as the ffmpeg tool derives it: first pts - 2 frames of delay, then + one frame each. */
    @Test
    void missingVideoDtsFollowsTheFrameClock() {
        StreamTrack t = new StreamTrack(0, Track.builder(1, Codec.VP9).build(), StreamTrack.Framing.RAW, 0, 1, 1000,
                1 << 20);
        t.missingDts(2, 40);
        long[] pts = {0, 120, 40, 80};
        long[] dts = {-80, -40, 0, 40};
        for (int i = 0; i < pts.length; i++) {
            MediaFrame f = t.frame(new byte[] {1}, pts[i], NO, 0, i == 0);
            assertEquals(dts[i] * 90, f.dts(), "dts #" + i);
            assertEquals(pts[i] * 90, f.pts(), "pts #" + i);
        }
    }

    @Test
    void loopOffsetShiftsTheTimeline() {
        StreamTrack t = new StreamTrack(0, H264, StreamTrack.Framing.LENGTH_PREFIXED, 4, 1, 1000, 1 << 20);
        t.offsetMicros(2_000_000);
        assertEquals(180_000 + 90, t.frame(new byte[] {0, 0, 0, 1, 0x65}, 1, 1, 0, true).dts());
    }

    @Test
    void aPacketOverTheLimitIsRefused() {
        StreamTrack t = new StreamTrack(3, H264, StreamTrack.Framing.LENGTH_PREFIXED, 4, 1, 1000, 4);
        MediaFileException e = assertThrows(MediaFileException.class, () -> t.frame(new byte[5], 0, 0, 0, true));
        assertEquals("stream 3 H264: packet of 5 bytes exceeds maxFrameSize 4", e.getMessage());
    }
}
