package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3's acceptance in a real browser: a live RTMP publish (ffmpeg, real time) through the default routes,
 * played from the app's player page by hls.js in headless Chromium, as Low-Latency HLS (fMP4) and as MPEG-TS
 * HLS. The playhead advances 5 s, frames are decoded, hls.js reports no fatal error; the latency is printed:
 * hls.js' own estimate and wall clock minus the playing frame's EXT-X-PROGRAM-DATE-TIME (glass to glass,
 * less the encoder's few frames).
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
@Tag("browser")
class LivePlaybackIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL app;

    @ParameterizedTest
    @ValueSource(strings = {"fmp4", "mpegts"})
    void aLiveRtmpPublishPlaysInTheBrowser(String format) throws Exception {
        HeadlessChromium.assumeAvailable();
        Path dir = Files.createTempDirectory("live-" + format);
        String key = "browser" + format;
        try (Ffmpeg.Running publisher = Ffmpeg.start(dir.resolve("publish.log"), "-loglevel", "error",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "60",
                "-c:v", "libopenh264", "-g", "30", "-b:v", "1M", "-c:a", "aac", "-b:a", "64k",
                "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/" + key);
             HeadlessChromium chrome = HeadlessChromium.start()) {
            chrome.open(app + "?stream=live/" + key + "&format=" + format);
            chrome.waitFor("cmPlayer.state === 'playing' || cmPlayer.fatalError !== null", TIMEOUT);
            assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
            double start = chrome.evaluateNumber("document.getElementById('video').currentTime");
            chrome.waitFor("document.getElementById('video').currentTime >= " + (start + 5)
                    + " || cmPlayer.fatalError !== null", TIMEOUT);
            assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
            assertTrue(chrome.evaluateNumber("document.getElementById('video').currentTime") >= start + 5,
                    chrome.diagnostics());
            assertTrue(chrome.evaluateNumber("cmPlayer.decodedFrames") > 100, chrome.diagnostics());
            assertTrue(publisher.process().isAlive(), publisher.logTail());
            chrome.waitFor("cmPlayer.programDateTimeLatencySeconds > 0", Duration.ofSeconds(10));
            System.out.printf("LIVE %s latency: hls.js %.2f s (target %.2f s), wall clock - program date time %.2f s,"
                            + " dropped frames %.0f%n", format, chrome.evaluateNumber("cmPlayer.latencySeconds"),
                    chrome.evaluateNumber("cmPlayer.targetLatencySeconds"),
                    chrome.evaluateNumber("cmPlayer.programDateTimeLatencySeconds"),
                    chrome.evaluateNumber("cmPlayer.droppedFrames"));
            chrome.screenshot(Path.of("target", "browser", "live-" + format + ".png"));
        }
    }
}
