package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;

/** {@link FlvStreamAssembler} on hand-built tag bodies: the seam's contract, rule by rule. */
class FlvStreamAssemblerTest {
    /** AVCDecoderConfigurationRecord of ffmpeg 8 libopenh264 320x240 (Constrained Baseline 2.0, 4-byte lengths). */
    static final String AVCC = "0142c014ffe1000e6742c0148c68141f30101e1108d401000468ce3c80";
    /** The same record with lengthSizeMinusOne 1 (2-byte NAL lengths): byte 4 0xff -> 0xfd. */
    static final String AVCC_2BYTE = "0142c014fde1000e6742c0148c68141f30101e1108d401000468ce3c80";
    /** AudioSpecificConfig of ffmpeg 8 aac, 44.1 kHz mono (LC, with the SBR sync extension ffmpeg appends). */
    static final String ASC_44100 = "120856e500";
    /** VPCodecConfigurationRecord of ffmpeg 8 libvpx-vp9 320x240 (profile 0, 8-bit 4:2:0). */
    static final String VPCC = "010000000014820202020000";
    /** OpusHead of ffmpeg 8 libopus, mono, pre-skip 312, 48 kHz. */
    static final String OPUS_HEAD = "4f707573486561640101380180bb0000000000";
    /** AudioSpecificConfig LC 48 kHz stereo. */
    static final String ASC_48000 = "1190";

    private final RecordingMediaListener rec = new RecordingMediaListener();
    private final FlvStreamAssembler asm = new FlvStreamAssembler("live/cam1", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);

    @Test
    void withoutMetadataStartsAtTheFirstCodedFrameWithTheKnownTracks() {
        video(0, "17 00 000000" + AVCC);
        audio(0, "af 00" + ASC_44100);
        assertEquals(List.of(), rec.events(), "sequence headers alone do not start a stream without metadata");
        video(0, "17 01 000000 00000002 6588");
        assertEquals(List.of("started", "frame"), rec.events());
        StreamInfo info = rec.info();
        assertEquals("live/cam1", info.path());
        assertEquals(Codec.H264, info.video().orElseThrow().codec());
        assertEquals(1, info.video().orElseThrow().id());
        assertEquals(Codec.AAC, info.audio().orElseThrow().codec());
        assertEquals(2, info.audio().orElseThrow().id());
        assertEquals(44_100, info.audio().orElseThrow().clockRate(), "AAC runs on its sample rate");
        assertEquals(Map.of(), info.metadata());
        assertArrayEquals(hex(AVCC), info.video().orElseThrow().config());
    }

    @Test
    void clocks() {
        video(0, "17 00 000000" + AVCC);
        audio(0, "af 00" + ASC_44100);
        video(1000, "27 01 ffffd8 00000002 4188");      // cts -40 ms
        video(1040, "17 01 000050 00000002 6588");      // cts +80 ms
        audio(23, "af 01 2110");
        audio(1000, "af 01 2110");
        List<MediaFrame> v = rec.frames(1);
        assertEquals(90_000, v.get(0).dts());
        assertEquals(86_400, v.get(0).pts(), "pts = (ms + cts) * 90 with a negative cts");
        assertEquals(93_600, v.get(1).dts());
        assertEquals(100_800, v.get(1).pts());
        assertEquals(false, v.get(0).keyframe());
        assertEquals(true, v.get(1).keyframe());
        List<MediaFrame> a = rec.frames(2);
        assertEquals(1014, a.get(0).dts(), "round(23 * 44100 / 1000) = round(1014.3)");
        assertEquals(44_100, a.get(1).pts());
        assertTrue(a.get(0).keyframe(), "audio is always key");
        assertEquals(BitstreamFormat.RAW, a.get(0).format());
        assertEquals(BitstreamFormat.AVCC, v.get(0).format());
    }

    @Test
    void withMetadataStartsWhenEveryAnnouncedTrackHasItsSequenceHeaderAndFlushesHeldFrames() {
        asm.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0, "width", 320.0));
        video(0, "17 00 000000" + AVCC);
        video(0, "17 01 000000 00000002 6588");
        assertEquals(List.of(), rec.events(), "the video frame is held until the announced audio is known");
        audio(0, "af 00" + ASC_44100);
        assertEquals(List.of("started", "frame"), rec.events());
        assertEquals(320.0, rec.info().metadata().get("width"));
        assertEquals(2, rec.info().tracks().size());
    }

    @Test
    void withMetadataStartsBeforeAnyFrameOnceTheTracksAreKnown() {
        asm.metadata(Map.of("videocodecid", 7.0, "audiocodecid", (double) AudioFourCc.OPUS));
        video(0, "17 00 000000" + AVCC);
        assertEquals(List.of(), rec.events());
        audio(0, "90 4f707573" + OPUS_HEAD);
        assertEquals(List.of("started"), rec.events());
        assertEquals(48_000, rec.info().audio().orElseThrow().clockRate());
    }

    @Test
    void vp9StartsAtItsFirstKeyFrameSoStartedCarriesThePictureSize() {
        asm.metadata(Map.of("videocodecid", (double) VideoFourCc.VP09, "audiocodecid", (double) AudioFourCc.OPUS));
        video(0, "90 76703039" + VPCC);
        audio(0, "90 4f707573" + OPUS_HEAD);
        assertEquals(List.of(), rec.events(), "a vpcC has no picture size: wait for the key frame");
        audio(10, "91 4f707573 fc");
        // VP9 uncompressed header (VP9 bitstream spec 6.2): frame_marker 2, profile 0, key frame, shown,
        // sync code 49 83 42, color_space BT.601, frame_width_minus_1 319, frame_height_minus_1 239
        video(20, "91 76703039 82498342 2013f00ef0 00000000");
        assertEquals(List.of("started", "frame", "frame"), rec.events(), "held audio, then the key frame");
        assertEquals(320, rec.info().video().orElseThrow().width());
        assertEquals(240, rec.info().video().orElseThrow().height());
    }

    @Test
    void metadataAnnouncingAnMp3TrackIsSatisfiedByItsFirstFrame() {
        asm.metadata(Map.of("audiocodecid", 2.0));
        audio(0, "2e fffb50c4 0000");
        assertEquals(List.of("started", "frame"), rec.events());
    }

    @Test
    void heldFramesAreBoundedThenTheStreamStartsWithTheTracksKnown() {
        asm.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        video(0, "17 00 000000" + AVCC);
        for (int i = 0; i < FlvStreamAssembler.MAX_HELD_FRAMES; i++) {
            video(i * 40L, "27 01 000000 00000002 4188");
        }
        assertEquals(List.of(), rec.events(), FlvStreamAssembler.MAX_HELD_FRAMES + " frames are held");
        video(FlvStreamAssembler.MAX_HELD_FRAMES * 40L, "27 01 000000 00000002 4188");
        assertEquals("started", rec.events().get(0));
        assertEquals(FlvStreamAssembler.MAX_HELD_FRAMES + 1, rec.frames().size(), "held frames flushed, then the new one");
        assertEquals(1, rec.info().tracks().size(), "only the video track was known");
        for (int i = 0; i < rec.frames().size(); i++) {
            assertEquals(i * 40L * 90, rec.frames().get(i).dts(), "in order");
        }
    }

    @Test
    void heldBytesAreBounded() {
        asm.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        video(0, "17 00 000000" + AVCC);
        int frameSize = 1024 * 1024;
        byte[] body = new byte[5 + 4 + frameSize - 4];
        body[0] = 0x27;
        body[1] = 1;
        int nal = frameSize - 4;
        body[5] = (byte) (nal >>> 24);
        body[6] = (byte) (nal >>> 16);
        body[7] = (byte) (nal >>> 8);
        body[8] = (byte) nal;
        long max = FlvStreamAssembler.MAX_HELD_BYTES / frameSize;
        for (int i = 0; i < max; i++) {
            asm.video(i, body, 0, body.length);
        }
        assertEquals(List.of(), rec.events());
        asm.video(max, body, 0, body.length);
        assertEquals("started", rec.events().get(0));
        assertEquals(max + 1, rec.frames().size());
    }

    @Test
    void aSequenceHeaderChangeMakesANewTrackWithTheSameId() {
        video(0, "17 00 000000" + AVCC);
        video(0, "17 01 000000 00000002 6588");
        video(40, "17 00 000000" + AVCC);                 // identical repeat: nothing changes
        video(40, "27 01 000000 00000002 4188");
        String changed = AVCC.replace("8c68141f", "8c68141e");
        video(80, "17 00 000000" + changed);
        video(80, "17 01 000000 00000002 6588");
        List<MediaFrame> v = rec.frames(1);
        assertSame(v.get(0).track(), v.get(1).track());
        assertNotEquals(v.get(1).track(), v.get(2).track());
        assertEquals(1, v.get(2).track().id());
        assertArrayEquals(hex(changed), v.get(2).track().config());
        assertEquals(2, rec.tracks(1).size());
        assertEquals(1, rec.starts().size(), "one STARTED; the change travels with the frames");
    }

    @Test
    void twoByteNalLengthsAreRewrittenToFour() {
        video(0, "17 00 000000" + AVCC_2BYTE);
        video(0, "17 01 000000 0002 6588 0001 06");
        assertArrayEquals(hex("00000002 6588 00000001 06"), rec.frames().get(0).payloadBytes());
        FlvException e = assertThrows(FlvException.class, () -> video(40, "17 01 000000 0009 6588"));
        assertTrue(e.getMessage().contains("NALUnitLength 9 at sample offset 0 exceeds the 2 bytes left"), e.getMessage());
    }

    @Test
    void framesBeforeTheirSequenceHeaderAreDroppedWhenTheyNeedIt() {
        video(0, "17 01 000000 00000002 6588");
        audio(0, "af 01 2110");
        assertEquals(2, asm.droppedFrames());
        assertEquals(List.of(), rec.events());
        audio(0, "91 4f707573 f8ff");                    // Opus needs no configuration
        assertEquals(List.of("started", "frame"), rec.events());
        assertEquals(48_000, rec.frames().get(0).track().clockRate());
    }

    @Test
    void noMediaPacketsAreSkipped() {
        video(0, "17 00 000000" + AVCC);
        video(0, "17 02 000000");                         // AVC end of sequence
        video(0, "57 00");                                // legacy command frame
        video(0, "d4 68766331 020009636f6c6f72496e666f");  // enhanced Metadata
        video(0, "d1 01");                                // enhanced command frame
        audio(0, "94 4f707573 01 01 00000004");           // MultichannelConfig
        asm.video(0, new byte[0], 0, 0);                  // empty bodies
        asm.audio(0, new byte[0], 0, 0);
        assertEquals(5, asm.ignoredPackets());
        assertEquals(List.of(), rec.events());
    }

    @Test
    void mp3TracksTakeRateAndChannelsFromTheFrameHeader() {
        audio(0, "2e fffb 54c4 00");                     // MPEG-1 Layer III, sampling_frequency 01 = 48 kHz, mono
        audio(24, "2e fffb 5004 00");                    // 44.1 kHz, stereo: a new Track
        assertEquals(48_000, rec.frames().get(0).track().clockRate());
        assertEquals(1, rec.frames().get(0).track().channels());
        assertEquals(44_100, rec.frames().get(1).track().sampleRate());
        assertEquals(2, rec.frames().get(1).track().channels());
        assertEquals(round(24 * 44_100 / 1000.0), rec.frames().get(1).dts());
        FlvException e = assertThrows(FlvException.class, () -> audio(48, "2e 0000 0000"));
        assertTrue(e.getMessage().startsWith("MP3 frame header: ") && e.getMessage().contains("syncword"), e.getMessage());
    }

    @Test
    void aacClockFollowsTheAudioSpecificConfig() {
        audio(0, "af 00" + ASC_48000);
        audio(1000, "af 01 2110");
        assertEquals(48_000, rec.frames().get(0).track().clockRate());
        assertEquals(48_000, rec.frames().get(0).dts());
    }

    @Test
    void endFlushesHeldFramesThenEndsOnceAndOnlyIfStarted() {
        FlvStreamAssembler quiet = new FlvStreamAssembler("live/none", rec, 100);
        quiet.end("publisher disconnected");
        assertEquals(List.of(), rec.events(), "never started: no ENDED");

        asm.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
        video(0, "17 00 000000" + AVCC);
        video(0, "17 01 000000 00000002 6588");
        asm.end("publisher disconnected");
        asm.end("again");
        video(40, "17 01 000000 00000002 6588");
        assertEquals(List.of("started", "frame", "ended"), rec.events());
        assertEquals(List.of("publisher disconnected"), rec.endReasons());
    }

    @Test
    void maxFrameSizeIsEnforced() {
        FlvStreamAssembler small = new FlvStreamAssembler("live/small", rec, 8);
        small.video(0, hex("17 00 000000" + AVCC), 0, hex("17 00 000000" + AVCC).length);
        byte[] big = hex("17 01 000000 00000005 6588000000");
        FlvException e = assertThrows(FlvException.class, () -> small.video(0, big, 0, big.length));
        assertEquals("video frame of 9 bytes exceeds maxFrameSize 8", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlvStreamAssembler("x", rec, 0));
    }

    @Test
    void emptyOrOversizedConfigurationRecordsAreRefused() {
        FlvException e = assertThrows(FlvException.class, () -> video(0, "17 00 000000"));
        assertTrue(e.getMessage().contains("configuration record of 0 bytes"), e.getMessage());
        byte[] huge = new byte[5 + FlvStreamAssembler.MAX_CONFIG_SIZE + 1];
        huge[0] = 0x17;
        e = assertThrows(FlvException.class, () -> asm.video(0, huge, 0, huge.length));
        assertTrue(e.getMessage().contains("configuration record of 65537 bytes"), e.getMessage());
    }

    @Test
    void bodiesAreReadAtTheirOffsetAndCopied() {
        byte[] seq = hex("ffff 17 00 000000" + AVCC);
        asm.video(0, seq, 2, seq.length - 2);
        byte[] frame = hex("ffff 17 01 000000 00000002 6588 eeee");
        asm.video(0, frame, 2, frame.length - 4);
        frame[9] = 0;                                     // the caller reuses its buffer
        assertArrayEquals(hex("00000002 6588"), rec.frames().get(0).payloadBytes());
    }

    private static long round(double d) {
        return Math.round(d);
    }

    private void video(long ms, String hex) {
        byte[] b = hex(hex);
        asm.video(ms, b, 0, b.length);
    }

    private void audio(long ms, String hex) {
        byte[] b = hex(hex);
        asm.audio(ms, b, 0, b.length);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

}
