package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import io.camelmedia.camel.media.MediaEndpoint;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.Images;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/**
 * The app's pipeline serves snapshots: an RTMP publish (ffmpeg, testsrc2, one key frame) is at
 * /snapshot/live/snaptest.jpg as a JPEG of its picture; a second request costs no decode; unknown streams are 404.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class SnapshotServingTest {
    @TestHTTPResource("/")
    URL base;

    @Inject
    CamelContext camel;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anRtmpPublishIsServedAsASnapshot() throws Exception {
        Path dir = Files.createTempDirectory("snapshot-serving");
        try (Ffmpeg.Running publisher = Ffmpeg.start(dir.resolve("pub.log"), "-loglevel", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=640x360:rate=25", "-t", "6", "-c:v", "libopenh264", "-g", "1000", "-f", "flv",
                "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/snaptest")) {
            String url = "/snapshot/live/snaptest.jpg?width=320";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<byte[]> first = get(url);
            while (first.statusCode() == 404 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                first = get(url);
            }
            assertEquals(200, first.statusCode(), new String(first.body()));
            assertEquals("image/jpeg", first.headers().firstValue("content-type").orElse(""));
            Path jpg = Files.write(dir.resolve("live.jpg"), first.body());
            assertEquals("mjpeg 320x180", Images.probe(jpg));
            MediaEndpoint snapshots = camel.getEndpoint("media:snapshot?serve=true", MediaEndpoint.class);
            long decodes = snapshots.snapshotDecodes();
            assertTrue(decodes >= 1, "the first request decoded");
            HttpResponse<byte[]> second = get(url);
            assertArrayEquals(first.body(), second.body());
            assertEquals(decodes, snapshots.snapshotDecodes(), "the second request is the cached image");

            Path frame0 = dir.resolve("frame0.png");
            Ffmpeg.run(60, "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-frames:v", "1", "-vf", "scale=320:-2",
                    "-y", frame0.toString()).requireSuccess();
            assertTrue(Images.psnr(jpg, frame0) > 30, "the live picture (the pattern's first frame)");
            assertEquals(404, get("/snapshot/live/nobody.jpg").statusCode());
            assertEquals(0, publisher.await(60), publisher.logTail());
        }
    }
}
