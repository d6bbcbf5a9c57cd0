package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.camelmedia.testing.Ffmpeg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/**
 * The app as a user runs it: default routes from routes/, a real ffmpeg publish, and the log lines the
 * README promises ("stream started: live/... H264 WxH, AAC ...", "stream ended: ...").
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class DefaultRoutesTest {

    @Inject
    CamelContext camel;

    @TestHTTPResource("/")
    URL base;

    @Test
    void whipPublishIsRecognisedLoggedAndServedAgain() throws Exception {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("webrtc-ingest"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // the README's WHIP command (libopenh264 for libx264, which the bundled LGPL ffmpeg lacks)
            Ffmpeg.run(60, "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
                    "-c:v", "libopenh264", "-g", "25", "-c:a", "libopus", "-ar", "48000", "-ac", "2",
                    "-f", "whip", base + "whip/live/whiptest").requireSuccess();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (lines.stream().noneMatch(l -> l.startsWith("stream ended: live/whiptest")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.contains("stream started: live/whiptest OPUS 48000Hz 2ch, H264 320x240 (WHIP)"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("stream ended: live/whiptest (")), lines.toString());
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String msg = record.getMessage();
                if (msg != null && msg.startsWith("stream ")) {
                    lines.add(msg);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void rtmpPublishIsRecognisedAndLogged() throws Exception {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("rtmp-ingest"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2",
                    "-c:v", "libopenh264", "-g", "25", "-c:a", "aac",
                    "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/apptest").requireSuccess();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines.stream().noneMatch(l -> l.startsWith("stream ended")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.contains("stream started: live/apptest H264 320x240, AAC 44100Hz 1ch"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("stream ended: live/apptest (")), lines.toString());
    }

    /**
     * The README's SRT commands: ffmpeg publishes over SRT (caller, stream id publish:), the stream is logged and
     * served; a reader gets it back over SRT (read:), and an RTMP publish is readable over SRT too.
     */
    @Test
    void srtPublishIsLoggedAndEveryStreamReadsBackOverSrt() throws Exception {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("srt-ingest"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("srt-app");
        String srt = "srt://127.0.0.1:" + FreeRtmpPort.srtPort;
        try {
            try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=4", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
                    "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-f", "mpegts", srt + "?streamid=publish:live/srttest");
                 Ffmpeg.Running rtmp = Ffmpeg.start(dir.resolve("rtmp.log"), "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "libopenh264", "-g", "25",
                    "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/rtmp2srt")) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (lines.stream().filter(l -> l.startsWith("stream started")).count() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // both read at once, while live (ffmpeg probes a few seconds of TS before its first frame)
                List<Ffmpeg.Running> readers = new java.util.ArrayList<>();
                for (String path : List.of("live/srttest", "live/rtmp2srt")) {
                    readers.add(Ffmpeg.start(dir.resolve(path.replace('/', '-') + ".log"), "-i",
                            srt + "?streamid=read:" + path, "-map", "0:v", "-f", "framemd5",
                            dir.resolve(path.replace('/', '-') + ".md5").toString()));
                }
                for (Ffmpeg.Running r : readers) {
                    assertEquals(0, r.await(30), r.logTail());
                }
                for (String path : List.of("live/srttest", "live/rtmp2srt")) {
                    long frames = java.nio.file.Files.readAllLines(dir.resolve(path.replace('/', '-') + ".md5")).stream()
                            .filter(l -> !l.startsWith("#")).count();
                    assertTrue(frames >= 50, path + ": " + frames + " frames read back over SRT");
                }
                assertEquals(0, pub.await(30), pub.logTail());
                assertEquals(0, rtmp.await(30), rtmp.logTail());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines.stream().noneMatch(l -> l.startsWith("stream ended: live/srttest")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.contains("stream started: live/srttest H264 320x240, AAC 48000Hz 1ch (SRT)"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("stream ended: live/srttest (")), lines.toString());
    }
}
