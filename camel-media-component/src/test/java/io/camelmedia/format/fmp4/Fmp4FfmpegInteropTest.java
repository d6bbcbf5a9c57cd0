package io.camelmedia.format.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real peer: every FLV sample (written by the bundled ffmpeg 8) is read into MediaFrames, written as
 * init segment + one-second fragments, and the file is read back by ffmpeg's MP4 demuxer. Its packets must
 * be the FLV's packets (count, dts/pts, keyframe flags, size, payload MD5), its extradata the
 * configuration we wrote, the whole file must decode without a single error, and ffprobe must see the
 * codec, picture size, sample rate and channels.
 */
class Fmp4FfmpegInteropTest {
    @TempDir
    Path dir;

    static Stream<FlvSamples.Sample> cases() {
        return FlvSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ffmpegReadsBackTheSourcePackets(FlvSamples.Sample sample) throws Exception {
        Path flv = sample.writeFlv(dir.resolve("in.flv"));
        RecordingMediaListener rec = read(flv);
        List<Track> tracks = tracksOf(rec);
        Path mp4 = Files.write(dir.resolve("out.mp4"), Fragmenter.file(tracks, rec.frames()));

        FrameMd5 source = FrameMd5.ofPackets(flv);
        FrameMd5 ours = FrameMd5.ofPackets(mp4);
        for (Track t : tracks) {
            String type = t.mediaType() == MediaType.VIDEO ? "video" : "audio";
            int s = source.streamOf(type).orElseThrow().index();
            int o = ours.streamOf(type).orElseThrow().index();
            assertTrue(source.packets(s).size() > 40, "a real stream");
            assertSamePackets(source, s, ours, o);
            FrameMd5Comparator.assertMatches(ours, o, rec.frames(t.id()));
            assertExtradata(t, ours.stream(o));
        }
        assertDecodesCleanly(mp4);
        assertProbe(mp4, tracks);
    }

    static RecordingMediaListener read(Path flv) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.read(flv, assembler, (ts, body) -> {
            for (Object o : Amf0Decoder.DEFAULT.decodeAll(Unpooled.wrappedBuffer(body))) {
                if (o instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> props = (Map<String, Object>) m;
                    assembler.metadata(props);
                }
            }
        });
        return rec;
    }

    /** The one Track each id carried, video first (as the FLV assembler numbers them). */
    static List<Track> tracksOf(RecordingMediaListener rec) {
        List<Track> tracks = new ArrayList<>();
        for (int id : List.of(FlvStreamAssembler.VIDEO_TRACK_ID, FlvStreamAssembler.AUDIO_TRACK_ID)) {
            List<Track> seen = rec.tracks(id);
            if (!seen.isEmpty()) {
                assertEquals(1, seen.size(), "one Track per id: " + seen);
                tracks.add(seen.get(0));
            }
        }
        return tracks;
    }

    /** Packet for packet: ours rescaled to the source's timebase (ms for FLV), same key flag, size and MD5. */
    private static void assertSamePackets(FrameMd5 source, int s, FrameMd5 ours, int o) {
        List<FrameMd5.Packet> expected = source.packets(s);
        List<FrameMd5.Packet> actual = ours.packets(o);
        FrameMd5.StreamHeader sh = source.stream(s);
        FrameMd5.StreamHeader oh = ours.stream(o);
        assertEquals(expected.size(), actual.size(), "packet count of " + sh.codecId());
        for (int i = 0; i < expected.size(); i++) {
            FrameMd5.Packet e = expected.get(i);
            FrameMd5.Packet a = actual.get(i);
            String at = sh.codecId() + " packet " + i + ": " + e + " vs " + a;
            assertEquals(e.dts(), rescale(a.dts(), oh, sh), "dts of " + at);
            assertEquals(e.pts(), rescale(a.pts(), oh, sh), "pts of " + at);
            assertEquals(e.keyframe(), a.keyframe(), "keyframe of " + at);
            assertEquals(e.size(), a.size(), "size of " + at);
            assertEquals(e.md5(), a.md5(), "md5 of " + at);
        }
    }

    private static long rescale(long ts, FrameMd5.StreamHeader from, FrameMd5.StreamHeader to) {
        return Math.round((double) ts * from.tbNum() * to.tbDen() / ((double) from.tbDen() * to.tbNum()));
    }

    /** ffmpeg's extradata is the configuration record we wrote (ffmpeg rebuilds an OpusHead from dOps). */
    private static void assertExtradata(Track t, FrameMd5.StreamHeader h) {
        byte[] expected = switch (t.codec()) {
            case H264 -> SampleEntry.avcC(t);
            case H265 -> SampleEntry.hvcC(t);
            case AV1, AAC, OPUS -> t.config();
            default -> null; // VP9: ffmpeg parses vpcC into fields; MP3: none
        };
        if (expected == null) {
            return;
        }
        assertEquals(FrameMd5Comparator.md5(expected), h.extradataMd5(), t + " extradata");
        assertEquals(expected.length, h.extradataSize(), t + " extradata size");
    }

    private static void assertDecodesCleanly(Path mp4) throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(120, "-v", "error", "-i", mp4.toString(), "-map", "0", "-f", "null", "-")
                .requireSuccess();
        assertEquals("", r.stderr().strip(), "decoding printed errors");
    }

    private static void assertProbe(Path mp4, List<Track> tracks) throws Exception {
        String out = Ffmpeg.probe(60, "-v", "error", "-show_entries",
                "stream=index,codec_name,width,height,sample_rate,channels", "-of", "flat", mp4.toString())
                .requireSuccess().stdout();
        Map<String, String> p = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                p.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            String k = "streams.stream." + i + ".";
            assertEquals(codecName(t.codec()), p.get(k + "codec_name"), out);
            if (t.mediaType() == MediaType.VIDEO) {
                assertTrue(t.width() > 0 && t.height() > 0, t.toString());
                assertEquals(String.valueOf(t.width()), p.get(k + "width"), out);
                assertEquals(String.valueOf(t.height()), p.get(k + "height"), out);
            } else {
                assertEquals(String.valueOf(t.sampleRate()), p.get(k + "sample_rate"), out);
                assertEquals(String.valueOf(t.channels()), p.get(k + "channels"), out);
            }
        }
    }

    private static String codecName(Codec c) {
        return switch (c) {
            case H264 -> "h264";
            case H265 -> "hevc";
            case AV1 -> "av1";
            case VP9 -> "vp9";
            case AAC -> "aac";
            case OPUS -> "opus";
            case MP3 -> "mp3";
            default -> c.name();
        };
    }
}
