package io.camelmedia.format.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real peer: FLV files written by the bundled ffmpeg 8 from generated sources, read by {@link FlvReader}
 * into {@link FlvStreamAssembler}, compared packet for packet with what ffmpeg's own demuxer sees
 * ({@code -copyts -c copy -f framemd5} plus ffprobe keyframe flags): count, dts, pts, keyframe, payload MD5,
 * and each track's configuration record against ffmpeg's extradata.
 */
class FlvFfmpegInteropTest {
    @TempDir
    Path dir;

    static Stream<FlvSamples.Sample> cases() {
        return FlvSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesMatchFfmpegPacketForPacket(FlvSamples.Sample sample) throws Exception {
        Path flv = sample.writeFlv(dir.resolve("in.flv"));
        Codec video = sample.video();
        Codec audio = sample.audio();

        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.Summary summary = FlvReader.read(flv, assembler, SampleFrames.metadataTo(assembler));

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
}
