package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 2's acceptance check: the bundled ffmpeg 8 publishes each source over RTMP ({@code -c copy -f flv
 * rtmp://...}, Enhanced RTMP for HEVC/AV1/VP9/Opus), and every frame our server delivers matches ffmpeg's own
 * per-packet dump of the source (count, pts/dts, keyframe flags, payload md5, codec configuration).
 */
class RtmpFrameExactIT {

    @TempDir
    Path dir;

    static Stream<FlvSamples.Sample> cases() {
        return FlvSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void publishedFramesMatchTheSourcePacketForPacket(FlvSamples.Sample sample) throws Exception {
        Path src = sample.writeFlv(dir.resolve("src.flv"));
        FrameMd5 reference = FrameMd5.ofPackets(src);
        RecordingMediaListener rec = new RecordingMediaListener();
        try (RtmpServer server = new RtmpServer(RtmpServerConfig.builder().host("127.0.0.1").port(0).build(), rec).start()) {
            Ffmpeg.run(60, "-nostdin", "-loglevel", "error", "-copyts", "-i", src.toString(), "-map", "0", "-c", "copy",
                    "-f", "flv", "rtmp://127.0.0.1:" + server.port() + "/live/exact").requireSuccess();
            awaitEnded(rec);
        }
        assertEquals("started", rec.events().get(0));
        assertEquals("ended", rec.events().get(rec.events().size() - 1));
        StreamInfo info = rec.info();
        assertEquals("live/exact", info.path());
        // @setDataFrame onMetaData, decoded from AMF0, is the stream's metadata
        assertTrue(String.valueOf(info.metadata().get("encoder")).startsWith("Lavf"), info.metadata().toString());
        assertTrue(info.metadata().get("audiocodecid") instanceof Double, info.metadata().toString());
        if (sample.video() != null) {
            Track video = info.video().orElseThrow();
            assertEquals(sample.video(), video.codec());
            assertEquals(320, video.width(), "STARTED carries the picture size: " + video);
            assertEquals(240, video.height(), video.toString());
            check(reference, "video", FlvStreamAssembler.VIDEO_TRACK_ID, rec, info);
        }
        assertEquals(sample.audio(), info.audio().orElseThrow().codec());
        check(reference, "audio", FlvStreamAssembler.AUDIO_TRACK_ID, rec, info);
    }

    private static void check(FrameMd5 reference, String type, int trackId, RecordingMediaListener rec, StreamInfo info) {
        int stream = reference.streamOf(type).orElseThrow().index();
        assertTrue(reference.packets(stream).size() > 40, "a real stream");
        FrameMd5Comparator.assertMatches(reference, stream, rec.frames(trackId));
        Track track = info.track(trackId == FlvStreamAssembler.VIDEO_TRACK_ID ? MediaType.VIDEO : MediaType.AUDIO)
                .orElseThrow();
        if (track.hasConfig()) {
            FrameMd5Comparator.assertConfigMatches(reference, stream, track);
        }
    }

    static void awaitEnded(RecordingMediaListener rec) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!rec.events().contains("ended") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
