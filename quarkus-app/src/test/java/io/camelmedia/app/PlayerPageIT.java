package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The player page end to end in a real browser, without our HLS origin: the bundled ffmpeg writes a 6 s
 * VOD HLS (H.264 + AAC, fMP4 and MPEG-TS) that the JDK's HttpServer serves with CORS, beside a stub
 * {@code streams.json}; headless Chromium opens the page the app serves at {@code /} (hls.js from the
 * app's WebJar) and must actually play it: {@code video.currentTime} advances by 3 s, frames are decoded,
 * no fatal error.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayerPageIT {
    /** Length of the generated HLS: long enough for 3 s of playback after startup, short to encode. */
    private static final int SECONDS = 6;
    /** Playback starts within a second or two locally; a loaded CI machine gets far more. */
    private static final Duration PLAYBACK_TIMEOUT = Duration.ofSeconds(60);
    private static final String HLS_JS = "/webjars/hls.js/1.4.12/dist/hls.min.js";

    @TestHTTPResource("/")
    URL app;

    private Path dir;
    private HttpServer server;
    private String origin;
    private HeadlessChromium chrome;

    @BeforeAll
    void setUp() throws Exception {
        HeadlessChromium.assumeAvailable();
        dir = Files.createTempDirectory("player-hls");
        writeHls("fmp4", "m4s");
        writeHls("mpegts", "ts");
        Files.writeString(dir.resolve("streams.json"), """
                [{"path":"live/test","url":"/fmp4/index.m3u8","format":"fmp4","lowLatency":true},
                 {"path":"live/test","url":"/mpegts/index.m3u8","format":"mpegts","lowLatency":false}]
                """);
        Files.writeString(dir.resolve("empty.json"), "[]");
        writeRecording();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        chrome = HeadlessChromium.start();
    }

    /** H.264 (libopenh264, 2 s GOP) + AAC into a VOD playlist with EXT-X-PROGRAM-DATE-TIME, 2 s segments. */
    private void writeHls(String type, String ext) throws Exception {
        Path out = Files.createDirectories(dir.resolve(type));
        Ffmpeg.run(120, "-nostdin",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", "libopenh264", "-b:v", "1M", "-g", "50", "-c:a", "aac", "-b:a", "96k",
                "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_segment_type", type,
                "-hls_flags", "program_date_time",
                "-hls_segment_filename", out.resolve("seg%d." + ext).toString(),
                out.resolve("index.m3u8").toString()).requireSuccess();
    }

    private static final String RECORDING = "2026-03-04_05-06-07-000.mp4";

    /** A recording in the app's playback folder (routes/playback.yaml): fragmented MP4, a fragment a second. */
    private void writeRecording() throws Exception {
        Path rec = Files.createDirectories(Path.of(PlaybackServingTest.DIRECTORY, "live/pagetest"));
        Ffmpeg.run(120, "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", "libopenh264", "-b:v", "1M", "-g", "25", "-c:a", "aac", "-b:a", "96k",
                "-movflags", "+frag_keyframe+empty_moov+default_base_moof", rec.resolve(RECORDING).toString())
                .requireSuccess();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if ("OPTIONS".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Access-Control-Allow-Headers", "*");
                ex.sendResponseHeaders(204, -1);
                return;
            }
            Path file = dir.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = Map.of("m3u8", "application/vnd.apple.mpegurl", "m4s", "video/iso.segment",
                    "mp4", "video/mp4", "ts", "video/mp2t", "json", "application/json")
                    .getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @AfterAll
    void tearDown() throws IOException {
        if (chrome != null) {
            chrome.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The player's WebRTC mode on a live stream of the app itself: ffmpeg publishes over WHIP into the default
     * routes, the page lists the stream (with its snapshot thumbnail) and plays it over WHEP (`?format=webrtc`):
     * frames decode and keep coming.
     */
    @Test
    void playsALiveWhipPublishOverWebRtc() throws Exception {
        try (Ffmpeg.Running f = Ffmpeg.start(dir.resolve("whip.log"), "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "60", "-c:v", "libopenh264", "-g", "25", "-c:a", "libopus", "-ac", "2", "-f", "whip",
                app + "whip/live/webrtcpage")) {
            chrome.open(app + "?stream=live/webrtcpage&format=webrtc");
            // the list shows the stream's figures from /v1/streams
            chrome.waitFor("(document.querySelector('#stream-list .stats') || {}).textContent"
                    + "?.includes('H264 640x360')", PLAYBACK_TIMEOUT);
            String figures = String.valueOf(chrome.evaluate("document.querySelector('#stream-list .stats').textContent"));
            assertTrue(figures.contains("OPUS 48 kHz") && figures.contains("whip"), figures);
            // the thumbnail: the WebRTC pipeline's media:snapshot, a 160 px JPEG of the latest key frame
            chrome.waitFor("(document.querySelector('#stream-list img.thumb') || {}).naturalWidth === 160", PLAYBACK_TIMEOUT);
            assertEquals(90.0, chrome.evaluateNumber("document.querySelector('#stream-list img.thumb').naturalHeight"));
            chrome.waitFor("window.cmPlayer && cmPlayer.engine === 'webrtc' && cmPlayer.decodedFrames > 25", PLAYBACK_TIMEOUT);
            double first = chrome.evaluateNumber("cmPlayer.decodedFrames");
            Thread.sleep(2000);
            double later = chrome.evaluateNumber("cmPlayer.decodedFrames");
            assertTrue(later > first, "decoded frames did not advance: " + first + " -> " + later + "\n" + chrome.diagnostics());
            assertNull(chrome.evaluate("cmPlayer.fatalError"));
            assertEquals("640x360", chrome.evaluate("cmPlayer.resolution"));
        }
    }

    @Test
    void appServesThePageAndHlsJs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(app.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(HLS_JS), "index.html loads hls.js from the app's WebJar");
        HttpResponse<byte[]> js = http.send(HttpRequest.newBuilder(app.toURI().resolve(HLS_JS)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, js.statusCode());
        assertTrue(js.body().length > 100_000, "hls.min.js is ~370 kB, got " + js.body().length);
    }

    @Test
    void playsAGivenPlaylistUrl() throws Exception {
        chrome.open(app + "?src=" + enc(origin + "/fmp4/index.m3u8"));
        assertEquals("1.4.12", chrome.evaluate("Hls.version"));
        assertPlaysThreeSeconds();
        assertEquals("hls.js", chrome.evaluate("cmPlayer.engine"));
        assertEquals("640x360", chrome.evaluate("cmPlayer.resolution"));
        // VOD: no live latency, but EXT-X-PROGRAM-DATE-TIME gives wall clock minus the frame's time
        assertNull(chrome.evaluate("cmPlayer.latencySeconds"));
        assertTrue(chrome.evaluateNumber("cmPlayer.programDateTimeLatencySeconds") > 0,
                String.valueOf(chrome.evaluate("cmPlayer.programDateTimeLatencySeconds")));
        chrome.screenshot(Path.of("target", "browser", "player-src-fmp4.png"));
    }

    @Test
    void playsAListedStreamChosenByQuery() throws Exception {
        chrome.open(app + "?streams=" + enc(origin + "/streams.json") + "&stream=live/test&format=mpegts");
        chrome.waitFor("document.querySelectorAll('#stream-list button').length === 2", PLAYBACK_TIMEOUT);
        assertEquals(origin + "/mpegts/index.m3u8", chrome.evaluate("cmPlayer.url"));
        assertEquals("live/test", chrome.evaluate("cmPlayer.stream"));
        assertEquals(false, chrome.evaluate("cmPlayer.lowLatency"));
        assertPlaysThreeSeconds();
        assertEquals("MPEG-TS", chrome.evaluate("document.querySelector('#stream-list button.playing').textContent"));
        chrome.screenshot(Path.of("target", "browser", "player-list-mpegts.png"));

        // switching format by clicking: the old hls.js instance goes, the new one plays, the link follows
        chrome.evaluate("document.querySelector('#stream-list button:not(.playing)').click()");
        assertEquals(origin + "/fmp4/index.m3u8", chrome.evaluate("cmPlayer.url"));
        assertEquals("live/test fmp4",
                chrome.evaluate("(q => q.get('stream') + ' ' + q.get('format'))(new URLSearchParams(location.search))"));
        assertPlaysThreeSeconds();
    }

    @Test
    void saysSoWhenNothingIsLive() throws Exception {
        chrome.open(app + "?streams=" + enc(origin + "/empty.json"));
        chrome.waitFor("document.querySelector('#stream-list .empty').textContent.startsWith('No live streams')",
                PLAYBACK_TIMEOUT);
        assertEquals("idle", chrome.evaluate("cmPlayer.state"));
        chrome.screenshot(Path.of("target", "browser", "player-empty.png"));
    }

    @Test
    void showsTheLatencyOfALiveStream() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path log = Files.createTempFile("ffmpeg-live", ".log");
        // a live (sliding window) playlist written in real time, 1 s segments stamped with program date time
        try (Ffmpeg.Running ffmpeg = Ffmpeg.start(log, "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=60",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=60",
                "-c:v", "libopenh264", "-b:v", "1M", "-g", "25", "-c:a", "aac", "-b:a", "96k",
                "-f", "hls", "-hls_time", "1", "-hls_list_size", "6", "-hls_segment_type", "fmp4",
                "-hls_flags", "program_date_time+delete_segments",
                "-hls_segment_filename", live.resolve("seg%d.m4s").toString(),
                live.resolve("index.m3u8").toString())) {
            awaitSegments(live.resolve("index.m3u8"), 2, ffmpeg);
            chrome.open(app + "?src=" + enc(origin + "/live/index.m3u8"));
            chrome.waitFor("cmPlayer.state === 'playing' || cmPlayer.fatalError !== null", PLAYBACK_TIMEOUT);
            assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics() + ffmpeg.logTail());
            chrome.waitFor("cmPlayer.latencySeconds > 0 && cmPlayer.targetLatencySeconds > 0"
                    + " && cmPlayer.programDateTimeLatencySeconds > 0", PLAYBACK_TIMEOUT);
            // seconds, not milliseconds: a live edge a few segments away, well under a minute
            double latency = chrome.evaluateNumber("cmPlayer.latencySeconds");
            double pdt = chrome.evaluateNumber("cmPlayer.programDateTimeLatencySeconds");
            assertTrue(latency < 30 && pdt < 30, "latency " + latency + " s, program date time latency " + pdt + " s");
            assertTrue(chrome.evaluateNumber("cmPlayer.decodedFrames") > 0, chrome.diagnostics());
            chrome.screenshot(Path.of("target", "browser", "player-live.png"));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Waits until ffmpeg's live playlist lists {@code count} segments (it starts writing it after the first). */
    private static void awaitSegments(Path playlist, int count, Ffmpeg.Running ffmpeg) throws Exception {
        long deadline = System.nanoTime() + PLAYBACK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(playlist)
                    && Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count() >= count) {
                return;
            }
            assertTrue(ffmpeg.process().isAlive(), ffmpeg.logTail());
            Thread.sleep(100);
        }
        throw new AssertionError("no " + count + " segments in " + playlist + "\n" + ffmpeg.logTail());
    }

    /** Real playback: the playhead moves 3 s past where it first played, frames decoded, no fatal error. */
    /** The page lists the app's recordings (playback: at /recordings) and plays one as HLS VOD with hls.js. */
    @Test
    void playsARecordingListedByThePlaybackRoute() throws Exception {
        chrome.open(app.toString());
        chrome.waitFor("[...document.querySelectorAll('#recording-list button')].some(b => b.title.includes('"
                + RECORDING + "'))", PLAYBACK_TIMEOUT);
        chrome.evaluate("[...document.querySelectorAll('#recording-list button')].find(b => b.title.includes('"
                + RECORDING + "')).click()");
        assertTrue(String.valueOf(chrome.evaluate("cmPlayer.url")).contains("/recordings/live/pagetest/index.m3u8?start="),
                String.valueOf(chrome.evaluate("cmPlayer.url")));
        assertPlaysThreeSeconds();
        assertEquals("640x360", chrome.evaluate("cmPlayer.resolution"));
        chrome.screenshot(Path.of("target", "browser", "player-recording.png"));
    }

    /** Chromium's own video element plays a recorded MP4 over HTTP and seeks into it (byte ranges, 206). */
    @Test
    void videoElementPlaysAndSeeksARecordedMp4() throws Exception {
        chrome.open(app.toString());
        chrome.evaluate("(() => { const v = document.createElement('video'); v.id = 'rec'; v.muted = true;"
                + " v.src = '/recordings/live/pagetest/" + RECORDING + "'; document.body.appendChild(v);"
                + " window.recSeeked = false; v.addEventListener('seeked', () => window.recSeeked = true);"
                + " v.play(); return true; })()");
        chrome.waitFor("document.getElementById('rec').currentTime > 1 || document.getElementById('rec').error !== null",
                PLAYBACK_TIMEOUT);
        assertNull(chrome.evaluate("document.getElementById('rec').error && document.getElementById('rec').error.message"));
        assertEquals(SECONDS, chrome.evaluateNumber("document.getElementById('rec').duration"), 0.2);
        chrome.evaluate("document.getElementById('rec').currentTime = 4.5");
        chrome.waitFor("window.recSeeked && document.getElementById('rec').readyState >= 2", PLAYBACK_TIMEOUT);
        assertTrue(chrome.evaluateNumber("document.getElementById('rec').currentTime") >= 4.5);
        chrome.waitFor("document.getElementById('rec').ended || document.getElementById('rec').currentTime > 5",
                PLAYBACK_TIMEOUT);
        assertTrue(chrome.exceptions().isEmpty(), chrome.diagnostics());
    }

    private void assertPlaysThreeSeconds() throws Exception {
        chrome.waitFor("cmPlayer.state === 'playing' || cmPlayer.fatalError !== null", PLAYBACK_TIMEOUT);
        assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
        double start = chrome.evaluateNumber("document.getElementById('video').currentTime");
        assertTrue(start < SECONDS - 3, "started at " + start);
        chrome.waitFor("document.getElementById('video').currentTime >= " + (start + 3)
                + " || cmPlayer.fatalError !== null", PLAYBACK_TIMEOUT);
        assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
        assertTrue(chrome.evaluateNumber("document.getElementById('video').currentTime") >= start + 3);
        chrome.waitFor("cmPlayer.currentTime >= " + (start + 3), Duration.ofSeconds(5));
        assertTrue(chrome.evaluateNumber("cmPlayer.decodedFrames") > 0, chrome.diagnostics());
        assertTrue(chrome.exceptions().isEmpty(), chrome.diagnostics());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
