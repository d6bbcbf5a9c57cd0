package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Files made by ffmpeg, dropped into a folder a file-media: route watches, served by hls: like a live publish:
 * ffmpeg reading the HLS decodes the source's pictures and sound (MP4, MKV, FLV, MPEG-TS); with realtime=true a
 * file plays in headless Chromium through the app's player page (hls.js) at the speed of its media.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class FileIngestPlaybackIT {
    @Inject
    CamelContext camel;

    @TestHTTPResource("/")
    URL app;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void filesOfEveryContainerAreServedAsHlsThatDecodesLikeTheSource() throws Exception {
        Path dir = Files.createTempDirectory("file-hls");
        Path in = Files.createDirectories(dir.resolve("in"));
        load("file-hls", "file-media:" + in + "?move=done&moveFailed=failed&streamPrefix=files/");
        for (String ext : List.of("mp4", "mkv", "flv", "ts")) {
            Path source = dir.resolve("clip-" + ext + "." + ext);
            Ffmpeg.run(120, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "5", "-c:v", "libopenh264",
                    "-g", "25", "-c:a", "aac", "-b:a", "64k", source.toString()).requireSuccess();
            // copied elsewhere, moved in whole: the watch never sees half a file
            Path staged = Files.copy(source, Files.createDirectories(dir.resolve("staging")).resolve(source.getFileName()));
            Files.move(staged, in.resolve(source.getFileName()));
            String media = "/hls/files/clip-" + ext + "/media.m3u8";
            awaitEndlist(media);
            String url = app.toString().replaceAll("/$", "") + "/hls/files/clip-" + ext + "/index.m3u8";
            assertEquals(DecodedMd5.of(source.toString(), "0:v"), DecodedMd5.of(url, "0:v"), ext + " video");
            List<String> audio = DecodedMd5.of(source.toString(), "0:a");
            List<String> served = DecodedMd5.of(url, "0:a");
            if (ext.equals("mp4")) {
                // the MP4's edit list hides the AAC encoder's priming frame from a decoder of the file; fMP4 HLS
                // carries no edit list, so the priming frame plays first: after it, every frame is the source's
                assertEquals(audio, served.subList(1, served.size()), "mp4 audio after the priming frame");
            } else {
                assertEquals(audio, served, ext + " audio");
            }
        }
    }

    @Test
    @Tag("browser")
    void aFilePlayedInRealTimePlaysInTheBrowserAtItsOwnSpeed() throws Exception {
        HeadlessChromium.assumeAvailable();
        Path dir = Files.createTempDirectory("file-browser");
        Path in = Files.createDirectories(dir.resolve("in"));
        Path source = dir.resolve("realtime.mp4");
        Ffmpeg.run(120, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30", "-c:v", "libopenh264",
                "-g", "30", "-b:v", "1M", "-c:a", "aac", "-b:a", "64k", source.toString()).requireSuccess();
        load("file-browser", "file-media:" + in + "?realtime=true&move=done");
        Files.move(source, in.resolve("realtime.mp4"));
        try (HeadlessChromium chrome = HeadlessChromium.start()) {
            chrome.open(app + "?stream=files/realtime&format=fmp4");
            Duration timeout = Duration.ofSeconds(60);
            chrome.waitFor("cmPlayer.state === 'playing' || cmPlayer.fatalError !== null", timeout);
            assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
            double start = chrome.evaluateNumber("document.getElementById('video').currentTime");
            long wallStart = System.nanoTime();
            chrome.waitFor("document.getElementById('video').currentTime >= " + (start + 8)
                    + " || cmPlayer.fatalError !== null", timeout);
            assertNull(chrome.evaluate("cmPlayer.fatalError"), chrome.diagnostics());
            double played = chrome.evaluateNumber("document.getElementById('video').currentTime") - start;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf("FILE realtime: %.2f s of media played in %.2f s of wall clock (%.2fx), %.0f frames decoded%n",
                    played, wall, played / wall, chrome.evaluateNumber("cmPlayer.decodedFrames"));
            assertTrue(played >= 8, chrome.diagnostics());
            assertTrue(chrome.evaluateNumber("cmPlayer.decodedFrames") > 200, chrome.diagnostics());
        }
    }

    private void load(String id, String from) throws Exception {
        String yaml = """
                - route:
                    id: %s
                    from:
                      uri: "%s"
                      steps:
                        - to:
                            uri: "hls:live"
                            parameters:
                              lowLatency: true
                              segmentDuration: "{{camel.media.hls.segment-duration:2s}}"
                              partDuration: "{{camel.media.hls.part-duration:200ms}}"
                """.formatted(id, from);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(id + ".yaml", yaml));
    }

    private void awaitEndlist(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String media = "";
        while (System.nanoTime() < deadline && !media.contains("#EXT-X-ENDLIST")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(app.toString().replaceAll("/$", "") + path)).build(), HttpResponse.BodyHandlers.ofString());
            media = r.statusCode() == 200 ? r.body() : "";
            Thread.sleep(100);
        }
        assertTrue(media.contains("#EXT-X-ENDLIST"), path + ": ENDLIST once the file ended: " + media);
    }
}
