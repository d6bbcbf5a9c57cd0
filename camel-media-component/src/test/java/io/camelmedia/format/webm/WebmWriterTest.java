package io.camelmedia.format.webm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.camelmedia.format.ContainerTestSupport;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebM against the real peer: frames from ffmpeg's encoders (VP9 + Opus and AV1 through FLV, VP8 through
 * IVF) written as WebM and read back by ffmpeg's Matroska demuxer (same packets: count, pts, size, MD5,
 * key flags), decoded without errors; finished files have Duration and Cues; live (cut) files play.
 */
class WebmWriterTest {
    @TempDir
    Path dir;

    private static FlvSamples.Sample sample(Codec video) {
        return FlvSamples.all().stream().filter(s -> s.video() == video).findFirst().orElseThrow();
    }

    @Test
    void vp9AndOpusReadBackPacketForPacket() throws Exception {
        Path flv = sample(Codec.VP9).writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        List<Track> tracks = List.of(ContainerTestSupport.track(rec, 1), ContainerTestSupport.track(rec, 2));
        Path ours = dir.resolve("out.webm");
        write(ours, tracks, rec.frames(), WebmWriter.Options.defaults());
        FrameMd5 source = FrameMd5.ofPackets(flv);
        FrameMd5 read = FrameMd5.ofPackets(ours);
        for (String type : List.of("video", "audio")) {
            ContainerTestSupport.assertSamePackets(source, source.streamOf(type).orElseThrow().index(), read,
                    read.streamOf(type).orElseThrow().index(), 0);
        }
        // the libopus-through-FLV source has one packet ffmpeg's decoder complains about, in its own WebM too
        ContainerTestSupport.assertDecodesLikeFfmpegsRemux(ours, flv);
        String probe = probe(ours);
        assertTrue(probe.contains("codec_name=vp9") && probe.contains("codec_name=opus"), probe);
        assertTrue(probe.contains("width=320") && probe.contains("height=240"), probe);
        assertTrue(probe.matches("(?s).*duration=2\\.0\\d+.*"), "Duration written on close: " + probe);
    }

    @Test
    void av1WithAv1cCodecPrivate() throws Exception {
        Path flv = sample(Codec.AV1).writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        Track video = ContainerTestSupport.track(rec, 1);
        Path ours = dir.resolve("out.webm");
        write(ours, List.of(video), rec.frames(1), WebmWriter.Options.defaults());
        FrameMd5 source = FrameMd5.ofPackets(flv);
        FrameMd5 read = FrameMd5.ofPackets(ours);
        ContainerTestSupport.assertSamePackets(source, source.streamOf("video").orElseThrow().index(), read, 0, 0);
        ContainerTestSupport.assertDecodesCleanly(ours);
    }

    /** VP8 (the codec of Janus recordings) from libvpx through IVF; the size comes from the key frame. */
    @Test
    void vp8SizeFromTheKeyFrame() throws Exception {
        Path ivf = dir.resolve("in.ivf");
        Ffmpeg.run(60, "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-t", "3",
                "-c:v", "libvpx", "-g", "30", "-deadline", "realtime", "-cpu-used", "8", ivf.toString()).requireSuccess();
        Track vp8 = Track.builder(1, Codec.VP8).clockRate(90000).build(); // size unknown, as from RTP
        List<MediaFrame> frames = ContainerTestSupport.ivfFrames(ivf, vp8);
        Path ours = dir.resolve("out.webm");
        WebmWriter w = write(ours, List.of(vp8), frames, WebmWriter.Options.defaults());
        assertEquals(640, w.tracks().get(0).width());
        FrameMd5 source = FrameMd5.ofPackets(ivf);
        ContainerTestSupport.assertSamePackets(source, 0, FrameMd5.ofPackets(ours), 0, 0);
        ContainerTestSupport.assertDecodesCleanly(ours);
        assertTrue(probe(ours).contains("width=640"));
    }

    /** Live output (a stream: unknown-size Segment and Clusters) cut mid-block: ffmpeg plays what is whole. */
    @Test
    void liveOutputCutAnywherePlays() throws Exception {
        Path flv = sample(Codec.VP9).writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        List<Track> tracks = List.of(ContainerTestSupport.track(rec, 1), ContainerTestSupport.track(rec, 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WebmWriter w = new WebmWriter(Channels.newChannel(bytes), tracks, WebmWriter.Options.defaults());
        for (MediaFrame f : byTime(rec.frames())) {
            w.write(f);
        }
        // no close(): the process died; and the last block is torn
        byte[] all = bytes.toByteArray();
        Path cut = Files.write(dir.resolve("cut.webm"), Arrays.copyOf(all, all.length - 700));
        FrameMd5 read = FrameMd5.parse(Ffmpeg.run(60, "-i", cut.toString(), "-map", "0", "-c", "copy", "-f", "framemd5", "-")
                .stdout());
        int packets = read.packets().size();
        assertTrue(packets >= rec.frames().size() - 3 && packets < rec.frames().size(),
                packets + " of " + rec.frames().size() + " packets read from the cut file");
        Ffmpeg.Result decode = Ffmpeg.run(60, "-v", "error", "-i", cut.toString(), "-map", "0:v", "-f", "null", "-");
        assertEquals(0, decode.exitCode(), decode.stderr());
    }

    @Test
    void clustersStartAtKeyFramesAndCuesPointAtThem() throws Exception {
        Path flv = sample(Codec.VP9).writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = ContainerTestSupport.readFlv(flv);
        List<Track> tracks = List.of(ContainerTestSupport.track(rec, 1), ContainerTestSupport.track(rec, 2));
        Path ours = dir.resolve("out.webm");
        write(ours, tracks, rec.frames(), WebmWriter.Options.defaults());
        // ffprobe seeks with the Cues: a seek to 1.5 s lands on the key frame at 1 s (-g 25 at 25 fps)
        String out = Ffmpeg.probe(30, "-v", "error", "-read_intervals", "1.5%+#1", "-select_streams", "v",
                "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", ours.toString()).requireSuccess().stdout();
        MediaFrame key = rec.frames(1).stream().filter(f -> f.keyframe() && f.pts() <= 135_000)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(out.strip().startsWith(String.format("%.6f,K", key.pts() / 90000.0)), key + " vs " + out);
        long keyframes = rec.frames(1).stream().filter(MediaFrame::keyframe).count();
        byte[] file = Files.readAllBytes(ours);
        boolean audioFirst = byTime(rec.frames()).get(0).track().mediaType() == MediaType.AUDIO;
        assertEquals(keyframes + (audioFirst ? 1 : 0), count(file, new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75}),
                "one cluster per key frame (and one for audio before the first)");
        assertEquals(2, count(file, new byte[] {0x1C, 0x53, (byte) 0xBB, 0x6B}), "Cues, and its SeekID in the SeekHead");
    }

    @Test
    void audioOnlyClustersEveryFiveSeconds() throws Exception {
        Track opus = Track.builder(2, Codec.OPUS).clockRate(48000).channels(2).build();
        List<ContainerTestSupport.RtpPayload> rtp = ContainerTestSupport.mjrPayloads(
                ContainerTestSupport.mjr("b-vp8-opus-audio.mjr"));
        List<MediaFrame> frames = new ArrayList<>();
        for (ContainerTestSupport.RtpPayload p : rtp) {
            frames.add(MediaFrame.of(opus, p.timestamp(), p.timestamp(), true, io.camelmedia.frame.BitstreamFormat.RAW,
                    p.payload()));
        }
        Path ours = dir.resolve("audio.webm");
        write(ours, List.of(opus), frames, WebmWriter.Options.defaults());
        assertEquals(5, count(Files.readAllBytes(ours), new byte[] {0x1F, 0x43, (byte) 0xB6, 0x75}), "20 s in 5 s clusters");
        FrameMd5 ref = FrameMd5.parse(Files.readString(ContainerTestSupport.mjr("b-vp8-opus-audio.opus.framemd5.txt")));
        ContainerTestSupport.assertSamePackets(ref, 0, FrameMd5.ofPackets(ours), 0, 0);
    }

    @Test
    void rejectsWhatWebmDoesNotCarry() {
        Track h264 = Track.builder(1, Codec.H264).clockRate(90000).build();
        assertThrows(WebmException.class, () -> new WebmWriter(Channels.newChannel(new ByteArrayOutputStream()),
                List.of(h264), WebmWriter.Options.defaults()));
        Track av1 = Track.builder(1, Codec.AV1).clockRate(90000).build();
        assertThrows(WebmException.class, () -> {
            WebmWriter w = new WebmWriter(Channels.newChannel(new ByteArrayOutputStream()), List.of(av1),
                    WebmWriter.Options.defaults());
            w.close();
        });
    }

    private static WebmWriter write(Path file, List<Track> tracks, List<MediaFrame> frames, WebmWriter.Options options)
            throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            WebmWriter w = new WebmWriter(ch, tracks, options);
            for (MediaFrame f : byTime(frames)) {
                w.write(f);
            }
            w.close();
            return w;
        }
    }

    /** Interleaved by time, as a live stream delivers them (video first on ties). */
    static List<MediaFrame> byTime(List<MediaFrame> frames) {
        List<MediaFrame> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparingLong((MediaFrame f) -> f.track().toMicros(f.dts()))
                .thenComparing(f -> f.track().mediaType() == MediaType.VIDEO ? 0 : 1));
        return sorted;
    }

    private static String probe(Path file) throws Exception {
        return Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=codec_name,width,height:format=duration",
                "-of", "flat=s=_", file.toString()).requireSuccess().stdout().replace("\"", "")
                .replaceAll("streams_stream_\\d+_|format_", "");
    }

    private static int count(byte[] haystack, byte[] needle) {
        int n = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}
