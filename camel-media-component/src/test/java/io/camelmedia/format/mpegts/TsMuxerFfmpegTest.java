package io.camelmedia.format.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real peer: FLV samples made by the bundled ffmpeg 8 are read into frames, muxed into MPEG-TS (one
 * file, and 1-second segments each starting with PAT/PMT at a key frame, concatenated), and read back by
 * ffmpeg/ffprobe: every frame comes back with its pts/dts (on 1/90000), keyframe flag and payload (the
 * Annex B access unit / ADTS frame / MP3 frame we wrote, byte for byte); ffmpeg decodes the file without
 * an error or warning; continuity counters run without a gap across segments.
 */
class TsMuxerFfmpegTest {
    /** The samples last 2 s with a key frame every second: 1-s segments give two or three per file. */
    private static final long SEGMENT_90K = 90_000;

    @TempDir
    Path dir;

    static Stream<FlvSamples.Sample> cases() {
        return FlvSamples.all().stream().filter(s -> TsMuxer.supports(s.audio())
                && (s.video() == null || TsMuxer.supports(s.video())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ffmpegReadsEveryFrameBack(FlvSamples.Sample sample) throws Exception {
        RecordingMediaListener rec = read(sample.writeFlv(dir.resolve("in.flv")));
        StreamInfo info = rec.info();
        List<MediaFrame> frames = rec.frames();
        assertTrue(frames.size() > 50, "a real stream: " + frames.size());

        Path whole = dir.resolve("whole.ts");
        Files.write(whole, mux(info.tracks(), frames, false));
        Path segmented = dir.resolve("segmented.ts");
        byte[] segments = mux(info.tracks(), frames, true);
        Files.write(segmented, segments);

        for (Path ts : List.of(whole, segmented)) {
            FrameMd5 reference = FrameMd5.ofPackets(ts);
            for (Track track : info.tracks()) {
                String type = track.mediaType() == MediaType.VIDEO ? "video" : "audio";
                int stream = reference.streamOf(type).orElseThrow().index();
                assertEquals(1, reference.stream(stream).tbNum());
                assertEquals(90_000, reference.stream(stream).tbDen());
                FrameMd5Comparator.assertMatches(reference, stream, expected(info.tracks(), track, frames));
            }
            Ffmpeg.Result decode = Ffmpeg.run(60, "-v", "warning", "-i", ts.toString(), "-f", "null", "-");
            decode.requireSuccess();
            assertEquals("", decode.stderr().strip(), "ffmpeg decodes " + ts.getFileName() + " without an error or warning");
        }
        List<TsPackets.Header> packets = TsPackets.parse(segments);
        TsPackets.assertContinuity(packets);
        long tables = packets.stream().filter(h -> h.pid() == 0).count();
        assertTrue(tables > 1, "PAT at each segment start: " + tables);
    }

    /** Frames of {@code track} with the PES payloads a fresh muxer writes for them (same timing and flags). */
    private static List<MediaFrame> expected(List<Track> tracks, Track track, List<MediaFrame> frames) {
        ElementaryStream es = new ElementaryStream(track, new TsMuxer(tracks).pid(track.id()));
        List<MediaFrame> out = new ArrayList<>();
        for (MediaFrame f : frames) {
            if (f.track().id() == track.id()) {
                out.add(MediaFrame.of(f.track(), f.pts(), f.dts(), f.keyframe(), io.camelmedia.frame.BitstreamFormat.RAW
                        .equals(f.format()) ? f.format() : io.camelmedia.frame.BitstreamFormat.ANNEX_B, es.payload(f)));
            }
        }
        return out;
    }

    /** The whole stream, or segments of at least 1 s each starting at a video key frame with PAT/PMT. */
    static byte[] mux(List<Track> tracks, List<MediaFrame> frames, boolean segmented) {
        TsMuxer muxer = new TsMuxer(tracks);
        boolean hasVideo = tracks.stream().anyMatch(t -> t.mediaType() == MediaType.VIDEO);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ByteBuf segment = Unpooled.buffer();
        long segmentStart = Long.MIN_VALUE;
        try {
            for (MediaFrame f : frames) {
                long dts = SystemClock.to90k(f.dts(), f.track().clockRate());
                boolean cutHere = f.keyframe() && (f.track().mediaType() == MediaType.VIDEO || !hasVideo);
                if (segmentStart == Long.MIN_VALUE || (segmented && cutHere && dts - segmentStart >= SEGMENT_90K)) {
                    flush(segment, file);
                    muxer.writeTables(segment);
                    segmentStart = dts;
                }
                muxer.writeFrame(f, segment);
            }
            flush(segment, file);
        } finally {
            segment.release();
        }
        return file.toByteArray();
    }

    private static void flush(ByteBuf segment, ByteArrayOutputStream file) {
        byte[] b = new byte[segment.readableBytes()];
        segment.readBytes(b);
        file.writeBytes(b);
        segment.clear();
    }

    static RecordingMediaListener read(Path flv) throws Exception {
        return SampleFrames.read(flv);
    }
}
