package io.camelmedia.protocol.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.format.segment.SegmenterConfig;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin's HTTP answers, LL-HLS blocking semantics and stream life, on a real 6 s H.264 + AAC stream. */
class HlsOriginTest {
    @TempDir
    static Path dir;
    static RecordingMediaListener source;

    private HlsOrigin origin;
    private int fed;

    @BeforeAll
    static void source() throws Exception {
        source = SampleFrames.read(SampleFrames.writeH264Aac(dir.resolve("src.flv"), 6));
    }

    @BeforeEach
    void start() {
        origin = new HlsOrigin(HlsConfig.of(new SegmenterConfig(SegmentFormat.FMP4, Duration.ofSeconds(2),
                Duration.ofMillis(200))));
        origin.started(source.info());
    }

    @AfterEach
    void stop() {
        origin.close();
    }

    /** Feeds frames until {@code seconds} of media have gone in. */
    private void feedUntil(double seconds) {
        List<MediaFrame> frames = source.frames();
        while (fed < frames.size() && frames.get(fed).dtsMicros() < seconds * 1e6) {
            origin.frame("live/test", frames.get(fed++));
        }
    }

    private HlsResponse get(String file, Map<String, String> query) throws Exception {
        return origin.handle("live/test/" + file, query).get(10, TimeUnit.SECONDS);
    }

    private HlsResponse get(String file) throws Exception {
        return get(file, Map.of());
    }

    @Test
    void unknownStreamsAndFilesAre404WithAReason() throws Exception {
        HlsResponse r = origin.handle("live/nope/index.m3u8", Map.of()).get();
        assertEquals(404, r.status());
        assertEquals("no live stream live/nope\n", r.bodyText());
        feedUntil(2.5);
        assertEquals(404, get("seg-99.m4s").status());
        assertTrue(get("seg-99.m4s").bodyText().contains("does not exist yet"));
        assertEquals(404, get("bogus.txt").status());
        assertEquals(400, get("media.m3u8", Map.of("_HLS_msn", "x")).status());
    }

    @Test
    void playlistsDescribeTheStream() throws Exception {
        feedUntil(4.5);
        HlsResponse multi = get("index.m3u8");
        assertEquals(200, multi.status());
        assertEquals(HlsResponse.PLAYLIST_TYPE, multi.contentType());
        String m = multi.bodyText();
        assertTrue(m.contains("CODECS=\"avc1.42c01f,mp4a.40.2\"") || m.matches("(?s).*CODECS=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\".*"), m);
        assertTrue(m.contains("RESOLUTION=320x240"), m);
        assertTrue(Pattern.compile("BANDWIDTH=\\d{5,}").matcher(m).find(), m);

        String media = get("media.m3u8").bodyText();
        assertTrue(media.startsWith("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:2\n"), media);
        assertTrue(media.contains("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600"), media);
        assertTrue(media.contains("#EXT-X-PART-INF:PART-TARGET=0.200"), media);
        assertTrue(media.contains("#EXT-X-MEDIA-SEQUENCE:0\n"), media);
        assertTrue(media.contains("#EXT-X-MAP:URI=\"init-0.mp4\""), media);
        assertTrue(media.contains("#EXTINF:2.000,\nseg-0.m4s\n#EXT-X-PROGRAM-DATE-TIME:"), media);
        assertTrue(media.contains("#EXT-X-PART:DURATION=0.200,URI=\"part-2.0.m4s\",INDEPENDENT=YES"), media);
        assertTrue(media.contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part-2."), media);
        assertFalse(media.contains("#EXT-X-ENDLIST"));

        HlsResponse seg = get("seg-0.m4s");
        assertEquals("video/mp4", seg.contentType());
        assertTrue(seg.cacheControl().contains("max-age"));
        assertEquals(200, get("init-0.mp4").status());
        HlsResponse part = get("part-2.0.m4s");
        assertEquals(200, part.status());
    }

    @Test
    void blockingReloadAnswersWhenThePartExists() throws Exception {
        feedUntil(2.5);
        String media = get("media.m3u8").bodyText();
        Matcher hint = Pattern.compile("PRELOAD-HINT:TYPE=PART,URI=\"part-(\\d+)\\.(\\d+)\\.m4s\"").matcher(media);
        assertTrue(hint.find(), media);
        String msn = hint.group(1);
        String part = hint.group(2);
        CompletableFuture<HlsResponse> reload = origin.handle("live/test/media.m3u8", Map.of("_HLS_msn", msn, "_HLS_part", part));
        CompletableFuture<HlsResponse> preload = origin.handle("live/test/part-" + msn + "." + part + ".m4s", Map.of());
        Thread.sleep(100);
        assertFalse(reload.isDone(), "waits for part " + msn + "." + part);
        assertFalse(preload.isDone(), "the hinted part is held until it exists");
        feedUntil(3.0);
        HlsResponse r = reload.get(5, TimeUnit.SECONDS);
        assertTrue(r.bodyText().contains("URI=\"part-" + msn + "." + part + ".m4s\""), r.bodyText());
        assertEquals(200, preload.get(5, TimeUnit.SECONDS).status());
    }

    @Test
    void requestsFarBeyondTheLiveEdgeAre400() throws Exception {
        feedUntil(2.5);
        HlsResponse r = get("media.m3u8", Map.of("_HLS_msn", "5"));
        assertEquals(400, r.status());
        assertTrue(r.bodyText().contains("too far beyond the live edge"), r.bodyText());
    }

    @Test
    void endedStreamsGetEndlistAndAReconnectContinuesWithADiscontinuity() throws Exception {
        feedUntil(10);
        origin.ended("live/test");
        String ended = get("media.m3u8").bodyText();
        assertTrue(ended.endsWith("#EXT-X-ENDLIST\n"), ended);
        assertFalse(ended.contains("PRELOAD-HINT"));
        assertEquals(3, Pattern.compile("#EXTINF").matcher(ended).results().count(), ended);
        // a blocking request on an ended stream answers at once
        assertEquals(200, get("media.m3u8", Map.of("_HLS_msn", "3")).status());

        origin.started(source.info());
        fed = 0;
        feedUntil(2.5);
        String resumed = get("media.m3u8").bodyText();
        assertFalse(resumed.contains("#EXT-X-ENDLIST"), resumed);
        assertTrue(resumed.contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init-1.mp4\""), resumed);
        assertTrue(resumed.contains("seg-3.m4s"), "numbering continues: " + resumed);
        assertArrayEquals(get("init-0.mp4").body(), get("init-1.mp4").body(), "same tracks, same init");
    }

    @Test
    void aDirectoryMirrorsSegmentsAndPlainPlaylistsForAnyWebServer() throws Exception {
        Path out = dir.resolve("www");
        HlsOrigin mirrored = new HlsOrigin(new HlsConfig(new SegmenterConfig(SegmentFormat.FMP4, Duration.ofSeconds(2),
                Duration.ofMillis(200)), 3, 10, Duration.ofSeconds(60), out, HlsConfig.defaultMaxMemory()));
        try {
            for (int round = 0; round < 2; round++) {
                mirrored.started(source.info());
                source.frames().forEach(f -> mirrored.frame("live/test", f));
                mirrored.ended("live/test");
            }
        } finally {
            mirrored.close();
        }
        Path stream = out.resolve("live/test");
        String media = java.nio.file.Files.readString(stream.resolve("media.m3u8"));
        assertTrue(media.startsWith("#EXTM3U\n#EXT-X-VERSION:7\n"), media);
        assertFalse(media.contains("#EXT-X-PART"), "a file server cannot do LL-HLS: " + media);
        assertTrue(media.contains("#EXT-X-DISCONTINUITY"), media);
        assertTrue(media.endsWith("#EXT-X-ENDLIST\n"), media);
        assertTrue(java.nio.file.Files.exists(stream.resolve("seg-5.m4s")));
        assertFalse(java.nio.file.Files.exists(stream.resolve("seg-0.m4s")), "segment 0 left the window and was deleted");
        List<String> decoded = io.camelmedia.testing.DecodedMd5.of(stream.resolve("index.m3u8").toString(), "0:v");
        assertEquals(3 * 50, decoded.size(), "the three listed 2 s segments play from the directory");
    }

    @Test
    void theSumOfAllWindowsIsBoundedWindowsShrinkThenNewStreamsAreRefused() throws Exception {
        long oneSegment = 200_000;
        HlsOrigin tight = new HlsOrigin(new HlsConfig(new SegmenterConfig(SegmentFormat.MPEGTS, Duration.ofSeconds(2),
                Duration.ZERO), 7, 10, Duration.ofSeconds(60), null, 2 * oneSegment));
        try {
            for (int round = 0; round < 3; round++) {
                tight.started(source.info());
                source.frames().forEach(f -> tight.frame("live/test", f));
                tight.ended("live/test");
            }
            String media = tight.handle("live/test/media.m3u8", Map.of()).get(5, TimeUnit.SECONDS).bodyText();
            assertEquals(HlsConfig.MIN_WINDOW, Pattern.compile("#EXTINF").matcher(media).results().count(),
                    "over budget the window shrinks to the minimum: " + media);
            var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> tight.started(new io.camelmedia.frame.StreamInfo("live/other", source.info().tracks(), Map.of())));
            assertTrue(refused.getMessage().contains("memory budget"), refused.getMessage());
        } finally {
            tight.close();
        }
    }
}
