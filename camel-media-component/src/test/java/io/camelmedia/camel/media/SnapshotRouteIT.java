package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaAuth;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.Images;
import io.camelmedia.testing.PlatformHttpTesting;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code media:snapshot} with a real publisher: ffmpeg 8 publishes testsrc2 over RTMP (one key frame: a GOP
 * longer than the publish, so the picture served is the pattern's first frame), the stream goes through
 * {@code media:snapshot?serve=true} (HTTP, read key needed) and then {@code media:snapshot?format=png} into {@code file:}.
 */
class SnapshotRouteIT {
    private static final String READ_KEY = "snapshot-reader";
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aLivePublishIsServedAsSnapshotsAndWrittenAsFiles() throws Exception {
        int rtmp = freePort();
        int http = freePort();
        Path files = tmp.resolve("snapshots");
        try (CamelContext camel = PlatformHttpTesting.context(http)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + rtmp + "/live")
                            .to("media:snapshot?serve=true")
                            .to("media:snapshot?format=png&width=160&interval=2s")
                            .to("file:" + files);
                }
            });
            camel.getPropertiesComponent().addInitialProperty(MediaAuth.READ, "live/*=" + READ_KEY);
            camel.start();
            MediaEndpoint served = camel.getEndpoint("media:snapshot?serve=true", MediaEndpoint.class);
            try (Ffmpeg.Running publisher = Ffmpeg.start(tmp.resolve("ffmpeg.log"), "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-t", "8", "-c:v", "libopenh264", "-g", "1000", "-f", "flv",
                    "rtmp://127.0.0.1:" + rtmp + "/live/x")) {
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + http + "/snapshot/";
                HttpResponse<byte[]> first = awaitOk(client, base + "live/x.jpg?width=320");
                assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElse(""));
                Path jpg = Files.write(tmp.resolve("live.jpg"), first.body());
                assertEquals("mjpeg 320x180", Images.probe(jpg));
                long decodes = served.snapshotDecodes();
                for (int i = 0; i < 100; i++) {
                    HttpResponse<byte[]> again = get(client, base + "live/x.jpg?width=320");
                    assertEquals(200, again.statusCode());
                    assertEquals(first.body().length, again.body().length);
                }
                assertEquals(decodes, served.snapshotDecodes(), "100 more requests of the same key frame and size");
                long t0 = System.nanoTime();
                for (int i = 0; i < 1000; i++) {
                    get(client, base + "live/x.jpg?width=320");
                }
                System.out.printf("cached snapshot: %.0f requests/s (one client, sequential)%n",
                        1000 / ((System.nanoTime() - t0) / 1e9));
                requestsPerSecond(client, base + "live/x.jpg?width=320", 4, 500);
                assertEquals(decodes, served.snapshotDecodes(), "still one decode");
                // read auth as HLS: a key as Bearer (get) or ?token=; none: 401, a wrong one: 403
                HttpResponse<byte[]> query = client.send(HttpRequest.newBuilder(URI.create(base + "live/x.jpg?width=320&token="
                        + READ_KEY)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, query.statusCode());
                assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "live/x.jpg")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode());
                assertEquals(403, client.send(HttpRequest.newBuilder(URI.create(base + "live/x.jpg?token=wrong")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode());
                assertEquals(200, get(client, base + "live/x.png?width=160").statusCode());
                assertEquals(decodes + 1, served.snapshotDecodes(), "another format and size is one more decode");
                assertEquals(404, get(client, base + "live/nope.jpg").statusCode());
                assertEquals(404, get(client, base + "live/x.gif").statusCode());
                assertEquals(400, get(client, base + "live/x.jpg?width=abc").statusCode());
                assertEquals(400, get(client, base + "live/x.jpg?width=100000").statusCode());

                // the live picture: the pattern's first frame, far closer to it than to a later one
                Path frame0 = pattern(0, "frame0.png");
                Path frame3 = pattern(3, "frame3.png");
                double same = Images.psnr(jpg, frame0);
                double other = Images.psnr(jpg, frame3);
                assertTrue(same > 30 && same > other + 5, "PSNR to frame 0 " + same + " dB, to 3 s " + other + " dB");
                assertEquals(0, publisher.await(60), publisher.logTail());
            }
            Path png = files.resolve("live/x.png");
            awaitFile(png);
            assertEquals("png 160x90", Images.probe(png));
            assertTrue(Images.psnr(png, pattern(0, "frame0-160.png", 160)) > 30, "the step's PNG is the first frame");
            // ENDED: the stream is no longer served
            assertEquals(404, get(HttpClient.newHttpClient(), "http://127.0.0.1:" + http + "/snapshot/live/x.jpg").statusCode());
        }
    }

    private Path pattern(int second, String name) throws Exception {
        return pattern(second, name, 320);
    }

    private Path pattern(int second, String name, int width) throws Exception {
        Path out = tmp.resolve(name);
        Ffmpeg.run(60, "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-ss", Integer.toString(second), "-frames:v",
                "1", "-vf", "scale=" + width + ":-2", "-y", out.toString()).requireSuccess();
        return out;
    }

    /** Prints what {@code clients} threads, each asking {@code each} times in a row, get through per second. */
    private static void requestsPerSecond(HttpClient client, String url, int clients, int each) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            java.util.List<java.util.concurrent.Callable<Integer>> work = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < each; i++) {
                        ok += get(client, url).statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                });
            }
            long t0 = System.nanoTime();
            int ok = 0;
            for (java.util.concurrent.Future<Integer> f : threads.invokeAll(work)) {
                ok += f.get();
            }
            assertEquals(clients * each, ok);
            System.out.printf("cached snapshot: %.0f requests/s (%d clients)%n", ok / ((System.nanoTime() - t0) / 1e9), clients);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A GET with the read key as Bearer. */
    private static HttpResponse<byte[]> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + READ_KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The first 200: the stream is live once ffmpeg has connected and sent its first key frame. */
    private static HttpResponse<byte[]> awaitOk(HttpClient client, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<byte[]> r = get(client, url);
        while (r.statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get(client, url);
        }
        assertEquals(200, r.statusCode(), new String(r.body()));
        return r;
    }

    private static void awaitFile(Path p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(p), p + " written");
    }
}
