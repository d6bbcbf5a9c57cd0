package io.camelmedia.format.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmenter on a real 6 s H.264 + AAC stream (1 s GOP) made by the bundled ffmpeg: where it cuts, and
 * that what it writes is read back by ffmpeg frame for frame.
 */
class SegmenterTest {
    @TempDir
    static Path dir;
    static Path source;
    static RecordingMediaListener frames;

    /** Collects what a segmenter makes. */
    static final class Collected implements SegmentSink {
        final List<byte[]> inits = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();
        final List<Segment> segments = new ArrayList<>();

        @Override
        public void init(byte[] initSegment, List<Track> tracks) {
            inits.add(initSegment);
        }

        @Override
        public void part(Part part) {
            parts.add(part);
        }

        @Override
        public void segment(Segment segment) {
            segments.add(segment);
        }
    }

    @BeforeAll
    static void source() throws Exception {
        source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 6);
        frames = SampleFrames.read(source);
    }

    private static Collected run(SegmenterConfig config) {
        Collected out = new Collected();
        Segmenter s = new Segmenter(config, out);
        s.start(frames.info().tracks(), 1_700_000_000_000L);
        for (MediaFrame f : frames.frames()) {
            s.frame(f);
        }
        s.end();
        return out;
    }

    @Test
    void fmp4SegmentsStartOnKeyFramesAndReadBackFrameExact() throws Exception {
        Collected out = run(SegmenterConfig.of(SegmentFormat.FMP4));
        assertEquals(1, out.inits.size());
        assertEquals(3, out.segments.size(), "6 s in 2 s segments");
        for (int i = 0; i < out.segments.size(); i++) {
            Segment s = out.segments.get(i);
            assertEquals(i, s.sequence());
            assertEquals(2.0, s.durationSeconds(), 0.05, "segment " + i);
            assertTrue(s.independent());
            assertFalse(s.discontinuity());
            assertEquals(1_700_000_000_000L + i * 2000L, s.programDateTimeMs(), 1.0);
        }
        Path mp4 = dir.resolve("all.mp4");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.inits.get(0));
        out.segments.forEach(s -> all.writeBytes(s.data()));
        Files.write(mp4, all.toByteArray());
        FrameMd5 ours = FrameMd5.ofPackets(mp4);
        FrameMd5 reference = FrameMd5.ofPackets(source);
        for (String type : new String[] {"video", "audio"}) {
            int ref = reference.streamOf(type).orElseThrow().index();
            int got = ours.streamOf(type).orElseThrow().index();
            assertEquals(reference.packets(ref).size(), ours.packets(got).size(), type + " packet count");
            for (int i = 0; i < reference.packets(ref).size(); i++) {
                assertEquals(reference.packets(ref).get(i).md5(), ours.packets(got).get(i).md5(), type + " packet " + i);
            }
        }
        FrameMd5Comparator.assertMatches(ours, ours.streamOf("video").orElseThrow().index(), frames.frames(1));
    }

    /**
     * A file's stream starts below 0 (AAC priming before the first picture): fMP4 decode times are unsigned, so the
     * whole stream moves up by the same amount and every track keeps its timeline; clamping the first part to 0
     * moved its audio onto the next part's (a decoder then dropped a frame at the first part boundary).
     */
    @Test
    void aStreamStartingBeforeZeroKeepsEveryTrackTimelineAcrossParts() throws Exception {
        Track audio = frames.info().audio().orElseThrow();
        long priming = audio.clockRate() / 20;   // 50 ms before the first picture
        Collected out = new Collected();
        Segmenter s = new Segmenter(new SegmenterConfig(SegmentFormat.FMP4, Duration.ofSeconds(2), Duration.ofMillis(200)), out);
        s.start(frames.info().tracks(), 1_700_000_000_000L);
        for (MediaFrame f : frames.frames()) {
            s.frame(f.track().id() == audio.id() ? MediaFrame.of(f.track(), f.pts() - priming, f.dts() - priming,
                    f.keyframe(), f.format(), f.payloadBytes()) : f);
        }
        s.end();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.inits.get(0));
        out.segments.forEach(seg -> all.writeBytes(seg.data()));
        Path mp4 = dir.resolve("below-zero.mp4");
        Files.write(mp4, all.toByteArray());
        FrameMd5 ours = FrameMd5.ofPackets(mp4);
        List<FrameMd5.Packet> a = ours.packets(ours.streamOf("audio").orElseThrow().index());
        List<FrameMd5.Packet> v = ours.packets(ours.streamOf("video").orElseThrow().index());
        List<MediaFrame> sourceAudio = frames.frames(audio.id());
        assertEquals(sourceAudio.size(), a.size());
        assertEquals(0, a.get(0).dts(), "the earliest frame starts at 0");
        for (int i = 1; i < a.size(); i++) {
            assertEquals(sourceAudio.get(i).dts() - sourceAudio.get(0).dts(), a.get(i).dts() - a.get(0).dts(), "audio dts " + i);
        }
        FrameMd5.StreamHeader vs = ours.streamOf("video").orElseThrow();
        FrameMd5.StreamHeader as = ours.streamOf("audio").orElseThrow();
        // the picture starts `priming` later after the sound than in the source
        Track video = frames.info().video().orElseThrow();
        double sourceLead = video.toMicros(frames.frames(video.id()).get(0).dts()) / 1e6
                - audio.toMicros(sourceAudio.get(0).dts()) / 1e6;
        double videoStart = v.get(0).dts() * (double) vs.tbNum() / vs.tbDen();
        double audioStart = a.get(0).dts() * (double) as.tbNum() / as.tbDen();
        assertEquals(sourceLead + 0.05, videoStart - audioStart, 0.002);
    }

    @Test
    void lowLatencyPartsMakeUpTheSegment() {
        Collected out = run(new SegmenterConfig(SegmentFormat.FMP4, Duration.ofSeconds(2), Duration.ofMillis(200)));
        assertEquals(3, out.segments.size());
        for (Segment s : out.segments) {
            assertTrue(s.parts().size() >= 9 && s.parts().size() <= 11, s.parts().size() + " parts");
            ByteArrayOutputStream concat = new ByteArrayOutputStream();
            s.parts().forEach(p -> concat.writeBytes(p.data()));
            assertArrayEquals(s.data(), concat.toByteArray(), "a segment is its parts");
            assertTrue(s.parts().get(0).independent(), "the first part starts with the key frame");
            double sum = s.parts().stream().mapToDouble(Part::durationSeconds).sum();
            assertEquals(s.durationSeconds(), sum, 0.001);
            for (Part p : s.parts()) {
                boolean lastOfStream = p == out.parts.get(out.parts.size() - 1);
                assertTrue(lastOfStream || p.durationSeconds() <= 0.2 + 0.001, "part " + p + " within PART-TARGET");
            }
        }
        assertEquals(out.segments.stream().mapToInt(s -> s.parts().size()).sum(), out.parts.size(),
                "every part was announced as it closed");
    }

    @Test
    void mpegtsSegmentsDecodeToTheSamePicturesAndSound() throws Exception {
        Collected out = run(SegmenterConfig.of(SegmentFormat.MPEGTS));
        assertTrue(out.inits.isEmpty());
        assertEquals(3, out.segments.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Segment s : out.segments) {
            Path seg = dir.resolve("seg" + s.sequence() + ".ts");
            Files.write(seg, s.data());
            FrameMd5 packets = FrameMd5.ofPackets(seg);
            int v = packets.streamOf("video").orElseThrow().index();
            assertEquals(Boolean.TRUE, packets.packets(v).get(0).keyframe(), "segment " + s.sequence() + " starts on a key frame");
            all.writeBytes(s.data());
        }
        Path ts = dir.resolve("all.ts");
        Files.write(ts, all.toByteArray());
        DecodedMd5.assertSameFrames(DecodedMd5.of(source.toString(), "0:v"), DecodedMd5.of(ts.toString(), "0:v"), "video");
        DecodedMd5.assertSameFrames(DecodedMd5.of(source.toString(), "0:a"), DecodedMd5.of(ts.toString(), "0:a"), "audio");
    }

    @Test
    void audioOnlyCutsOnTime() {
        List<Track> audio = frames.info().tracks().stream().filter(t -> t.id() == 2).toList();
        Collected out = new Collected();
        Segmenter s = new Segmenter(SegmenterConfig.of(SegmentFormat.FMP4), out);
        s.start(audio, 0);
        frames.frames(2).forEach(s::frame);
        s.end();
        // 6.04 s of 1024-sample frames: three 2 s segments and the remainder
        assertTrue(out.segments.size() == 3 || out.segments.size() == 4, out.segments.size() + " segments");
        for (int i = 0; i < 3; i++) {
            assertEquals(2.0, out.segments.get(i).durationSeconds(), 0.03, "segment " + i);
        }
    }

    @Test
    void aResumedStreamIsMarkedDiscontinuous() {
        Collected out = new Collected();
        Segmenter s = new Segmenter(SegmenterConfig.of(SegmentFormat.FMP4), out);
        for (int round = 0; round < 2; round++) {
            s.start(frames.info().tracks(), 0);
            frames.frames().forEach(s::frame);
            s.end();
        }
        assertEquals(6, out.segments.size());
        assertTrue(out.segments.get(3).discontinuity());
        assertEquals(3, out.segments.get(3).sequence(), "numbering continues");
        assertFalse(out.segments.get(4).discontinuity());
    }
}
