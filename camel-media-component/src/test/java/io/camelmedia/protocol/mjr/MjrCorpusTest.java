package io.camelmedia.protocol.mjr;

import io.camelmedia.format.ContainerTestSupport;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Janus 1.1.2 recordings against janus-pp-rec 1.1.2's own view of them (corpus README). */
class MjrCorpusTest {

    /** Packets in play-out order: janus-pp-rec's "-d 7 --parse" list, line for line. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-h264-opus-audio", "a-h264-opus-video", "b-vp8-opus-audio", "b-vp8-opus-video",
            "d-pcmu-audio", "d-pcma-audio", "d-g722-audio"})
    void orderMatchesJanusPpRec(String stem) throws Exception {
        List<MjrCorpus.Ordered> ref = MjrCorpus.ordered(stem);
        MjrTrack track = MjrTrackReader.read(MjrCorpus.file(stem + ".mjr"));
        assertNull(track.damage());
        assertEquals(ref.size(), track.packets().size(), "packet count");
        long ref0 = ref.get(0).ts();
        long our0 = track.packets().get(0).extendedTimestamp();
        for (int i = 0; i < ref.size(); i++) {
            MjrCorpus.Ordered r = ref.get(i);
            MjrPacket p = track.packets().get(i);
            String at = stem + " #" + i;
            assertEquals(r.offset(), p.fileOffset(), at + " file offset");
            assertEquals(r.length(), p.rtp().encodedLength() - p.rtp().paddingLength(), at + " length");
            assertEquals(r.seq(), p.sequenceNumber(), at + " seq");
            assertEquals(r.ts() - ref0, p.extendedTimestamp() - our0, at + " timestamp");
        }
        MjrTrackStats s = track.stats();
        assertEquals(ref.size(), s.records());
        assertEquals(0, s.lost() + s.duplicates() + s.notRtp() + s.otherSsrc() + s.timestampResets());
    }

    /** The info header as janus-pp-rec --json prints it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-h264-opus-audio", "a-h264-opus-video", "b-vp8-opus-video", "d-pcmu-audio", "d-g722-audio"})
    void headerMatchesJanusJson(String stem) throws Exception {
        Map<?, ?> ref = (Map<?, ?>) MjrJson.parse(MjrCorpus.text(stem + ".json"));
        try (MjrReader r = MjrReader.open(MjrCorpus.file(stem + ".mjr"))) {
            MjrHeader h = r.header();
            assertEquals(MjrFormat.MJR00002, h.format());
            assertEquals(ref.get("t"), h.kind().code());
            assertEquals(ref.get("c"), h.codecName());
            assertEquals(ref.get("s"), h.createdMicros());
            assertEquals(ref.get("u"), h.firstPacketMicros());
            assertEquals(ref, MjrJson.parse(h.rawJson()));
            assertNull(h.fmtp());
            assertEquals(10 + h.rawJson().length(), h.recordsOffset());
            MjrRecord first = r.next();
            assertEquals(h.recordsOffset(), first.offset());
            assertEquals(0, first.arrivalMillis());
        }
    }

    /** Opus frames: count, timestamps, sizes and payload MD5 of janus-pp-rec's .opus (framemd5). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-h264-opus-audio", "b-vp8-opus-audio"})
    void opusFramesMatchReference(String stem) throws Exception {
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSessionResult result = MjrSession.of("x", List.of(MjrCorpus.file(stem + ".mjr"))).play(l, MjrDepacketizers.DEFAULT);
        FrameMd5 ref = FrameMd5.parse(MjrCorpus.text(stem + ".opus.framemd5.txt"));
        FrameMd5Comparator.assertMatches(ref, 0, l.frames(MjrSession.AUDIO_TRACK_ID));
        assertEquals(1001, result.track(MjrSession.AUDIO_TRACK_ID).orElseThrow().frames());
        assertEquals(Codec.OPUS, l.info().tracks().get(0).codec());
        assertEquals(48_000, l.info().tracks().get(0).clockRate());
    }

    /**
     * Video frames out of the real depacketizers (H.264 RFC 6184, VP8 RFC 7741): count, timestamps, sizes and
     * payload MD5 of janus-pp-rec's .mp4 / .webm, packet for packet. The mp4 holds AVCC with 4-byte lengths
     * and every NAL unit received (SPS/PPS before each IDR), exactly our frame form.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-h264-opus-video, a-h264-opus-video.mp4.framemd5.txt, H264",
            "b-vp8-opus-video, b-vp8-opus-video.webm.framemd5.txt, VP8"})
    void videoFramesMatchReference(String stem, String reference, Codec codec) throws Exception {
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSessionResult result = MjrSession.of("x", List.of(MjrCorpus.file(stem + ".mjr"))).play(l, MjrDepacketizers.DEFAULT);
        FrameMd5 ref = FrameMd5.parse(MjrCorpus.text(reference));
        List<MediaFrame> frames = l.frames(MjrSession.VIDEO_TRACK_ID);
        FrameMd5Comparator.assertMatches(ref, 0, frames);
        assertEquals(600, frames.size());
        assertEquals(codec, l.info().tracks().get(0).codec());
        assertTrue(frames.get(0).keyframe());
        assertEquals(10, frames.stream().filter(MediaFrame::keyframe).count(), "an IDR every 2 s in 20 s");
        // H.264: avcC from the in-band SPS/PPS (janus-pp-rec's extradata is its own); VP8: the key frame header
        assertEquals(640, l.info().tracks().get(0).width());
        assertEquals(360, l.info().tracks().get(0).height());
        var stats = result.track(MjrSession.VIDEO_TRACK_ID).orElseThrow().depacketizer();
        assertEquals(600, stats.frames());
    }

    /**
     * G.711 frames decoded to 16-bit PCM equal janus-pp-rec's .wav samples (ffmpeg reads them in packets of
     * 2048 samples; the wav header's data size quirk does not change the samples).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"d-pcmu-audio, PCMU", "d-pcma-audio, PCMA"})
    void g711SamplesMatchReference(String stem, Codec codec) throws Exception {
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSession.of("x", List.of(MjrCorpus.file(stem + ".mjr"))).play(l, MjrDepacketizers.DEFAULT);
        List<MediaFrame> frames = l.frames(MjrSession.AUDIO_TRACK_ID);
        assertEquals(1000, frames.size());
        assertEquals(codec, frames.get(0).codec());
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        long expectedPts = 0;
        for (MediaFrame f : frames) {
            assertEquals(expectedPts, f.pts(), "pts on the 8 kHz clock");
            expectedPts += f.payloadLength();
            for (byte b : f.payloadBytes()) {
                short s = codec == Codec.PCMU ? io.camelmedia.codec.g711.G711.mulaw(b) : io.camelmedia.codec.g711.G711.alaw(b);
                pcm.write(s & 0xFF);
                pcm.write((s >> 8) & 0xFF);
            }
        }
        byte[] all = pcm.toByteArray();
        ContainerTestSupport.assertSameBytes(FrameMd5.parse(MjrCorpus.text(stem + ".wav.framemd5.txt")).packets(0), all);
    }

    @Test
    void g722IsOrderedOn8kHzClock() throws Exception {
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSession.of("x", List.of(MjrCorpus.file("d-g722-audio.mjr"))).play(l, MjrDepacketizers.DEFAULT);
        List<MediaFrame> frames = l.frames(MjrSession.AUDIO_TRACK_ID);
        assertEquals(1000, frames.size());
        assertEquals(8000, frames.get(0).track().clockRate());
        assertEquals(16_000, frames.get(0).track().sampleRate());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(160L * i, frames.get(i).pts());
            assertEquals(160, frames.get(i).payloadLength());
        }
        assertTrue(l.endReasons().contains(MjrSession.END_OF_RECORDING));
    }
}
