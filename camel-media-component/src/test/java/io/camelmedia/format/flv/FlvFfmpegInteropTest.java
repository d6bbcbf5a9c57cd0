package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real peer: FLV files written by the bundled ffmpeg 8 from generated sources, read by {@link FlvReader}
 * into {@link FlvStreamAssembler}, compared packet for packet with what ffmpeg's own demuxer sees
 * ({@code -copyts -c copy -f framemd5} plus ffprobe keyframe flags): count, dts, pts, keyframe, payload MD5,
 * and each track's configuration record against ffmpeg's extradata.
 */
class FlvFfmpegInteropTest {
    private static final String VIDEO_SOURCE = "testsrc2=size=320x240:rate=25";
    private static final String HEVC_SAMPLE = "/flv/hevc-aac-320x240-25fps.mp4";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<String> lavfi = List.of("-f", "lavfi", "-i", VIDEO_SOURCE, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "2");
        List<String> audioOnly = List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2");
        return Stream.of(
                Arguments.of("ffmpeg8 libopenh264 + aac (legacy AVC/AAC)", Codec.H264, Codec.AAC,
                        concat(lavfi, "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-b:a", "64k")),
                Arguments.of("ffmpeg8 copy of x265 + aac (enhanced hvc1, B-frames)", Codec.H265, Codec.AAC,
                        List.of("-i", "SAMPLE:" + HEVC_SAMPLE, "-c", "copy")),
                Arguments.of("ffmpeg8 libsvtav1 + aac (enhanced av01)", Codec.AV1, Codec.AAC,
                        concat(lavfi, "-c:v", "libsvtav1", "-preset", "12", "-g", "25", "-c:a", "aac")),
                Arguments.of("ffmpeg8 libvpx-vp9 + libopus (enhanced vp09 + Opus)", Codec.VP9, Codec.OPUS,
                        concat(lavfi, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25",
                                "-c:a", "libopus")),
                Arguments.of("ffmpeg8 libmp3lame audio only (legacy MP3)", null, Codec.MP3,
                        concat(audioOnly, "-c:a", "libmp3lame")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesMatchFfmpegPacketForPacket(String name, Codec video, Codec audio, List<String> args) throws Exception {
        Path flv = dir.resolve("in.flv");
        List<String> cmd = new ArrayList<>(List.of("-y", "-loglevel", "error"));
        for (String a : args) {
            cmd.add(a.startsWith("SAMPLE:") ? resource(a.substring("SAMPLE:".length())).toString() : a);
        }
        cmd.add(flv.toString());
        Ffmpeg.run(120, cmd.toArray(String[]::new)).requireSuccess();

        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        Map<String, Object> seenMetadata = new HashMap<>();
        FlvReader.Summary summary = FlvReader.read(flv, assembler, (ts, body) -> {
            seenMetadata.putAll(codecIds(body));
            assembler.metadata(seenMetadata);
        });

        assertFalse(summary.truncated(), summary.endReason());
        assertEquals("end of file", summary.endReason());
        assertEquals("started", rec.events().get(0), "STARTED comes first");
        assertEquals("ended", rec.events().get(rec.events().size() - 1), "ENDED comes last");
        assertEquals(List.of("end of file"), rec.endReasons());
        StreamInfo info = rec.info();
        assertEquals(video, info.video().map(Track::codec).orElse(null), info.toString());
        assertEquals(audio, info.audio().map(Track::codec).orElse(null), info.toString());
        assertMetadataAnnounces(video, audio, info.metadata());

        FrameMd5 reference = FrameMd5.ofPackets(flv);
        if (video != null) {
            checkStream(reference, "video", FlvStreamAssembler.VIDEO_TRACK_ID, rec, info);
        }
        checkStream(reference, "audio", FlvStreamAssembler.AUDIO_TRACK_ID, rec, info);
    }

    private static void checkStream(FrameMd5 reference, String mediaType, int trackId, RecordingMediaListener rec,
                                    StreamInfo info) {
        int stream = reference.streamOf(mediaType).orElseThrow().index();
        assertTrue(reference.packets(stream).size() > 40, "a real stream: " + reference.packets(stream).size());
        assertTrue(reference.packets(stream).stream().allMatch(p -> p.keyframe() != null), "keyframe flags known");
        FrameMd5Comparator.assertMatches(reference, stream, rec.frames(trackId));
        Track track = info.track(trackId == 1 ? MediaType.VIDEO : MediaType.AUDIO).orElseThrow();
        if (track.hasConfig()) {
            FrameMd5Comparator.assertConfigMatches(reference, stream, track);
        }
        assertEquals(1, rec.tracks(trackId).size(), "one Track for the whole stream: " + rec.tracks(trackId));
        if (track.mediaType() == MediaType.AUDIO) {
            assertTrue(track.clockRate() == 44_100 || track.clockRate() == 48_000, track.toString());
        }
    }

    /** What ffmpeg 8 writes: legacy CodecIDs as numbers, Enhanced RTMP FourCCs as the FourCC's UI32 value. */
    private static void assertMetadataAnnounces(Codec video, Codec audio, Map<String, Object> metadata) {
        if (video != null) {
            double expected = video == Codec.H264 ? 7 : VideoFourCc.fourCc(video.fourCc());
            assertEquals(expected, metadata.get("videocodecid"));
        }
        double expectedAudio = switch (audio) {
            case AAC -> 10;
            case MP3 -> 2;
            default -> VideoFourCc.fourCc(audio.fourCc());
        };
        assertEquals(expectedAudio, metadata.get("audiocodecid"));
    }

    /**
     * Test-only: finds the two codec-id properties in an onMetaData body by their AMF0 key bytes
     * (UI16 length, name, then 0x00 number marker and an 8-byte double). Not an AMF decoder.
     */
    private static Map<String, Object> codecIds(byte[] body) {
        Map<String, Object> out = new HashMap<>();
        for (String key : List.of("videocodecid", "audiocodecid")) {
            byte[] k = key.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + k.length + 9 <= body.length; i++) {
                if (java.util.Arrays.equals(body, i, i + k.length, k, 0, k.length) && body[i + k.length] == 0) {
                    out.put(key, Double.longBitsToDouble(java.nio.ByteBuffer.wrap(body, i + k.length + 1, 8).getLong()));
                    break;
                }
            }
        }
        return out;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(FlvFfmpegInteropTest.class.getResource(name).toURI());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
