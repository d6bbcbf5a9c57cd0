package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.MediaFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * routes/playback.yaml as the README shows it: a recording under the playback folder is listed at /recordings/list,
 * served with byte ranges and Content-Length, and its HLS VOD playlist and its /get decode in ffmpeg to the file's
 * pictures.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class PlaybackServingTest {
    /** The app's playback folder in tests (FreeRtmpPort sets camel.media.playback.directory to it). */
    static final String DIRECTORY = "target/playback-recordings";
    static final String NAME = "2026-02-03_04-05-06-789.mp4";

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRecordingIsListedServedWithRangesAndPlayableAsHlsVod() throws Exception {
        Path dir = Files.createDirectories(Path.of(DIRECTORY, "live/apptest"));
        Path file = MediaFiles.write(dir.resolve(NAME), MediaFiles.testSource(3), "-c:v", "libopenh264", "-g", "25",
                "-an", "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
        HttpResponse<String> list = get("/recordings/list", null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"url\":\"/recordings/live/apptest/" + NAME + "\""), list.body());
        HttpResponse<String> part = get("/recordings/live/apptest/" + NAME, "bytes=0-7");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-7/" + Files.size(file), part.headers().firstValue("Content-Range").orElse(""));
        // the Quarkus flavour of Platform HTTP is camel-platform-http-vertx too: the streamed file has its length
        assertEquals(java.util.List.of("8"), part.headers().allValues("Content-Length"));
        DecodedMd5.assertSameFrames(DecodedMd5.of(file.toString(), "0:v"), DecodedMd5.of(base
                + "recordings/get?path=live/apptest&start=2026-02-03T04:05:06.789Z&duration=10", "0:v"), "app /get");
        DecodedMd5.assertSameFrames(DecodedMd5.of(file.toString(), "0:v"),
                DecodedMd5.of(base + "recordings/live/apptest/index.m3u8", "0:v"), "app HLS VOD");
    }
}
