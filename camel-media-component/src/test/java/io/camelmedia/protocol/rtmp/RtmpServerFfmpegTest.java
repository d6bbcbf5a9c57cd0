package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.camelmedia.frame.Codec;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.KeyRules;
import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real peer: the bundled ffmpeg 8 publishing into a real RtmpServer on loopback. */
class RtmpServerFfmpegTest {
    private final StreamRecorder recorder = new StreamRecorder();
    private RtmpServer server;

    @TempDir
    Path dir;

    private RtmpServer start(RtmpServerConfig.Builder config) {
        server = new RtmpServer(config.host("127.0.0.1").port(0).build(), recorder).start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** ffmpeg arguments publishing {@code seconds} of H.264 (libopenh264) + AAC test signal to {@code url}. */
    static String[] publish(String url, int seconds, boolean realtime) {
        List<String> a = new ArrayList<>();
        a.add("-loglevel");
        a.add("info");
        String re = realtime ? "-re" : "-nostats"; // -re is per input: read it at its native rate
        a.addAll(List.of(re, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                re, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
        a.addAll(List.of("-t", Integer.toString(seconds), "-c:v", "libopenh264", "-g", "25", "-b:v", "300k",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", url));
        return a.toArray(String[]::new);
    }

    private String url(String pathAndQuery) {
        return "rtmp://127.0.0.1:" + server.port() + "/" + pathAndQuery;
    }

    @Test
    void ffmpegPublishesAFiniteStream() throws Exception {
        start(RtmpServerConfig.builder().app("live"));
        Ffmpeg.Result r = Ffmpeg.run(60, publish(url("live/key1"), 2, false));
        r.requireSuccess();

        StreamRecorder.Stream s = recorder.stream("live/key1");
        assertTrue(s.awaitEnded(10), "ENDED for live/key1");
        assertEquals(1, s.starts.get());
        assertEquals(1, s.ends.get());
        assertEquals(Codec.H264, s.info.video().orElseThrow().codec());
        assertEquals(Codec.AAC, s.info.audio().orElseThrow().codec());
        assertEquals(50, s.videoFrames.get(), "2 s of 25 fps");
        assertTrue(s.audioFrames.get() >= 80, "about 86 AAC frames in 2 s, got " + s.audioFrames.get());
        assertEquals("publisher unpublished", s.endReason);
        assertFalse(s.frameAfterEnd);
        assertFalse(server.config().registry().isLive("live/key1"));
        assertEquals(1, server.stats().publishes());
        assertEquals(0, rejections());
    }

    @Test
    void fourPublishersAtOnceEachToItsOwnPath() throws Exception {
        start(RtmpServerConfig.builder());
        List<Ffmpeg.Running> running = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                running.add(Ffmpeg.start(dir.resolve("p" + i + ".log"), publish(url("live/cam" + i), 3, false)));
            }
            for (Ffmpeg.Running p : running) {
                assertEquals(0, p.await(60), p.logTail());
            }
        } finally {
            for (Ffmpeg.Running p : running) {
                p.close();
            }
        }
        for (int i = 0; i < 4; i++) {
            StreamRecorder.Stream s = recorder.stream("live/cam" + i);
            assertTrue(s.awaitEnded(10), "ENDED for cam" + i);
            assertEquals(75, s.videoFrames.get(), "cam" + i);
        }
        assertEquals(4, server.stats().publishes());
        assertEquals(0, rejections());
    }

    @Test
    void secondPublisherToALivePathIsRefusedWithBadName() throws Exception {
        start(RtmpServerConfig.builder());
        try (Ffmpeg.Running first = Ffmpeg.start(dir.resolve("first.log"), publish(url("live/dup"), 6, true))) {
            StreamRecorder.Stream s = recorder.stream("live/dup");
            assertTrue(s.awaitStarted(20), "first publisher started");
            Ffmpeg.Result second = Ffmpeg.run(30, publish(url("live/dup"), 2, false));
            assertNotEquals(0, second.exitCode());
            assertTrue(second.stderr().contains("NetStream.Publish.BadName")
                    || second.stderr().contains("already being published"), Ffmpeg.Result.class.getSimpleName()
                    + ":\n" + second.stderr());
            assertEquals(1, server.stats().rejected(RtmpRejectReason.ALREADY_PUBLISHING));
            int framesThen = s.frames();
            assertEquals(0, first.await(30), first.logTail());
            assertTrue(s.awaitEnded(10));
            assertTrue(s.frames() > framesThen, "the first publisher went on");
            assertEquals(150, s.videoFrames.get(), "the first stream is complete");
            assertEquals(1, s.starts.get());
        }
    }

    @Test
    void withPublishKeysAnUnknownKeyIsRefused() throws Exception {
        start(RtmpServerConfig.builder().authenticator(KeyRules.parse("*=secret", null, null)));
        Ffmpeg.Result bad = Ffmpeg.run(30, publish(url("live/test?key=wrong"), 1, false));
        assertNotEquals(0, bad.exitCode());
        assertEquals(1, server.stats().rejected(RtmpRejectReason.UNAUTHORIZED));
        assertFalse(server.config().registry().isLive("live/test"));

        Ffmpeg.run(30, publish(url("live/test?key=secret"), 1, false)).requireSuccess();
        assertTrue(recorder.stream("live/test").awaitEnded(10));
        assertEquals(25, recorder.stream("live/test").videoFrames.get());
    }

    @Test
    void enhancedRtmpHevcWithFourCcList() throws Exception {
        start(RtmpServerConfig.builder());
        String sample = Path.of(getClass().getResource("/flv/hevc-aac-320x240-25fps.mp4").toURI()).toString();
        Ffmpeg.run(60, "-loglevel", "info", "-i", sample, "-c", "copy", "-rtmp_enhanced_codecs", "hvc1,av01",
                "-f", "flv", url("live/hevc")).requireSuccess();
        StreamRecorder.Stream s = recorder.stream("live/hevc");
        assertTrue(s.awaitEnded(10));
        assertEquals(Codec.H265, s.info.video().orElseThrow().codec(), "E-RTMP hvc1 through the server");
        assertTrue(s.videoFrames.get() > 0);
        assertEquals(0, rejections());
    }

    @Test
    void closingTheServerEndsLiveStreams() throws Exception {
        start(RtmpServerConfig.builder());
        try (Ffmpeg.Running p = Ffmpeg.start(dir.resolve("live.log"), publish(url("live/long"), 30, true))) {
            StreamRecorder.Stream s = recorder.stream("live/long");
            assertTrue(s.awaitStarted(20));
            server.close();
            assertTrue(s.awaitEnded(1), "close() delivers ENDED before it returns");
            assertEquals("publisher disconnected", s.endReason);
            server = null;
        }
    }

    private long rejections() {
        return server.stats().rejected().values().stream().mapToLong(Long::longValue).sum();
    }
}
