package io.camelmedia.format.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.camelmedia.frame.Codec;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TsDemuxer} against the real peer, the bundled ffmpeg 8: (a) TS files written by ffmpeg's own muxer
 * are demuxed into the packets ffmpeg's demuxer reads from them (count, pts, dts, key flags; audio also size
 * and MD5), fed in SRT-sized 1316-byte chunks; (b) frames of ffmpeg-made FLV samples go through our
 * {@link TsMuxer} and come back equal.
 */
class TsDemuxerFfmpegTest {
    private static final String HEVC_SAMPLE = "/flv/hevc-aac-320x240-25fps.mp4";
    private static final int SRT_PAYLOAD = 1316;

    @TempDir
    Path dir;

    static Stream<Arguments> ffmpegFiles() {
        List<String> lavfi = List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "2");
        return Stream.of(
                Arguments.of("libopenh264 + aac", Codec.H264, Codec.AAC,
                        concat(lavfi, "-c:v", "libopenh264", "-g", "25", "-c:a", "aac")),
                Arguments.of("x265 copy + libopus", Codec.H265, Codec.OPUS,
                        List.of("-i", "SAMPLE", "-c:v", "copy", "-c:a", "libopus")),
                Arguments.of("libopenh264 + libmp3lame 44.1 kHz", Codec.H264, Codec.MP3,
                        concat(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                                "sine=frequency=440:sample_rate=44100", "-t", "2"),
                                "-c:v", "libopenh264", "-g", "25", "-c:a", "libmp3lame")),
                Arguments.of("mp2 audio only", null, Codec.MP3, List.of("-f", "lavfi", "-i",
                        "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:a", "mp2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegFiles")
    void ffmpegsTsGivesFfmpegsPackets(String name, Codec video, Codec audio, List<String> args) throws Exception {
        Path ts = dir.resolve("in.ts");
        List<String> cmd = new ArrayList<>(List.of("-y", "-loglevel", "error"));
        for (String a : args) {
            cmd.add(a.equals("SAMPLE") ? Path.of(getClass().getResource(HEVC_SAMPLE).toURI()).toString() : a);
        }
        cmd.addAll(List.of("-f", "mpegts", ts.toString()));
        Ffmpeg.run(120, cmd.toArray(String[]::new)).requireSuccess();
        byte[] bytes = Files.readAllBytes(ts);
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = TsDemuxerTest.demux(bytes, SRT_PAYLOAD, d);
        TsDemuxerStats stats = d[0].stats();
        assertEquals(0, stats.continuityErrors() + stats.droppedPes() + stats.skippedBytes() + stats.sectionErrors()
                + stats.elementaryStreamErrors() + stats.droppedFrames(), stats.toString());

        FrameMd5 reference = reference(ts, audio == Codec.AAC);
        StreamInfo info = rec.info();
        assertEquals(video == null ? 1 : 2, info.tracks().size(), info.toString());
        if (video != null) {
            Track v = info.video().orElseThrow();
            assertEquals(video, v.codec());
            assertEquals(1, v.id());
            assertEquals(320, v.width());
            assertEquals(240, v.height());
            assertTimingMatches(reference, reference.streamOf("video").orElseThrow().index(), rec.frames(1));
            List<MediaFrame> frames = rec.frames(1);
            assertEquals(50, frames.size());
            for (int i = 1; i < frames.size(); i++) {
                assertEquals(3600, frames.get(i).dts() - frames.get(i - 1).dts(), "25 fps on 90 kHz");
            }
        }
        Track a = info.audio().orElseThrow();
        assertEquals(audio, a.codec());
        assertEquals(2, a.id());
        assertEquals(a.sampleRate(), a.clockRate());
        int stream = reference.streamOf("audio").orElseThrow().index();
        if (90_000 % a.clockRate() == 0) {
            FrameMd5Comparator.assertMatches(reference, stream, rec.frames(2));
        } else {
            assertAudioMatches(reference, stream, rec.frames(2));
        }
    }

    /**
     * Audio on a rate that does not divide 90 kHz (44.1 kHz): ffmpeg interpolates the frames after the first of
     * a PES in whole 90 kHz ticks (2351 for 1152 samples, truly 2351.02), we count exact samples, so its time
     * stamps fall up to 2 ticks (22 µs) behind ours within a PES. Payloads are equal.
     */
    private static void assertAudioMatches(FrameMd5 reference, int stream, List<MediaFrame> frames) {
        List<FrameMd5.Packet> packets = reference.packets(stream);
        assertEquals(packets.size(), frames.size(), "audio frame count");
        for (int i = 0; i < packets.size(); i++) {
            FrameMd5.Packet p = packets.get(i);
            MediaFrame f = frames.get(i);
            long pts = FrameMd5Comparator.toTimebase(f.pts(), f.track().clockRate(), 1, 90_000);
            assertTrue(Math.abs(pts - p.pts()) <= 2, "pts of " + i + ": ffmpeg " + p.pts() + ", ours " + pts);
            assertEquals(p.md5(), FrameMd5Comparator.md5(f.payloadBytes()), "payload of " + i);
        }
    }

    /** ffmpeg's packets with the container's time stamps; AAC as raw frames (its demuxer keeps ADTS headers). */
    private static FrameMd5 reference(Path ts, boolean aac) throws Exception {
        return aac ? FrameMd5.ofPackets(ts, "-bsf:a", "aac_adtstoasc") : FrameMd5.ofPackets(ts);
    }

    /**
     * Video: count, pts, dts and key flags (ffmpeg's packets are Annex B with the AUD its muxer adds; ours are
     * AVCC without it, so sizes differ by design).
     */
    private static void assertTimingMatches(FrameMd5 reference, int stream, List<MediaFrame> frames) {
        List<FrameMd5.Packet> packets = reference.packets(stream);
        assertEquals(packets.size(), frames.size(), "video frame count");
        for (int i = 0; i < packets.size(); i++) {
            FrameMd5.Packet p = packets.get(i);
            MediaFrame f = frames.get(i);
            assertEquals(p.pts(), f.pts(), "pts of " + i);
            assertEquals(p.dts(), f.dts(), "dts of " + i);
            assertEquals(p.keyframe(), f.keyframe(), "key flag of " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.camelmedia.format.mpegts.TsMuxerFfmpegTest#cases")
    void ourMuxersOutputComesBackFrameForFrame(FlvSamples.Sample sample) throws Exception {
        RecordingMediaListener flv = SampleFrames.read(sample.writeFlv(dir.resolve("in.flv")));
        List<Track> tracks = flv.info().tracks();
        List<MediaFrame> sent = flv.frames();
        byte[] ts = TsMuxerFfmpegTest.mux(tracks, sent, true);
        RecordingMediaListener rec = TsDemuxerTest.demux(ts, SRT_PAYLOAD, null);

        TsDemuxerTest.assertFramesEqual(tracks, sent, rec.frames());
        for (Track t : tracks) {
            Track got = rec.info().tracks().stream().filter(g -> g.id() == t.id()).findFirst().orElseThrow();
            assertEquals(t.codec(), got.codec());
            assertEquals(t.clockRate(), got.clockRate());
            if (t.mediaType() == MediaType.VIDEO) {
                assertEquals(t.width(), got.width());
                assertEquals(t.height(), got.height());
            } else {
                assertEquals(t.sampleRate(), got.sampleRate());
                assertEquals(t.channels(), got.channels());
            }
        }
        assertTrue(rec.frames().size() > 50);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
