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
import java.util.List;

import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.SampleFrames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The app's default routes as a user meets them: an RTMP publish becomes HLS at /hls (LL-HLS fMP4) and
 * /hls-ts (MPEG-TS) over the app's HTTP port, and the bundled ffmpeg reading it over HTTP decodes the same
 * pictures and sound as the source.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class HlsServingTest {
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anRtmpPublishIsServedAsHlsThatDecodesLikeTheSource() throws Exception {
        Path dir = Files.createTempDirectory("hls-serving");
        Path source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 6);
        Ffmpeg.run(60, "-nostdin", "-loglevel", "error", "-i", source.toString(), "-c", "copy", "-f", "flv",
                "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/hlstest").requireSuccess();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String media = "";
        while (System.nanoTime() < deadline && !media.contains("#EXT-X-ENDLIST")) {
            HttpResponse<String> r = get("/hls/live/hlstest/media.m3u8");
            media = r.statusCode() == 200 ? r.body() : "";
            Thread.sleep(100);
        }
        assertTrue(media.contains("#EXT-X-ENDLIST"), "ENDLIST after the publisher left: " + media);

        HttpResponse<String> multi = get("/hls/live/hlstest/index.m3u8");
        assertEquals(200, multi.statusCode());
        assertEquals("application/vnd.apple.mpegurl", multi.headers().firstValue("content-type").orElse(""));
        assertEquals("*", multi.headers().firstValue("access-control-allow-origin").orElse(""));
        assertTrue(multi.body().contains("RESOLUTION=320x240"), multi.body());

        HttpResponse<String> listing = get("/hls/streams.json");
        assertTrue(listing.body().contains("\"url\":\"/hls/live/hlstest/index.m3u8\""), listing.body());
        assertTrue(listing.body().contains("\"url\":\"/hls-ts/live/hlstest/index.m3u8\""), listing.body());

        HttpResponse<String> missing = get("/hls/live/nobody/index.m3u8");
        assertEquals(404, missing.statusCode());
        assertEquals("no live stream live/nobody\n", missing.body());

        List<String> videoRef = DecodedMd5.of(source.toString(), "0:v");
        List<String> audioRef = DecodedMd5.of(source.toString(), "0:a");
        for (String prefix : List.of("/hls", "/hls-ts")) {
            String url = base.toString().replaceAll("/$", "") + prefix + "/live/hlstest/index.m3u8";
            assertEquals(videoRef, DecodedMd5.of(url, "0:v"), prefix + " video");
            assertEquals(audioRef, DecodedMd5.of(url, "0:a"), prefix + " audio");
        }
    }

    @Test
    void aKilledPublisherEndsThePlaylistWithinASecondAndAReconnectContinuesIt() throws Exception {
        Path dir = Files.createTempDirectory("hls-kill");
        Path source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 20);
        String url = "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/killed";
        String media = "";
        try (Ffmpeg.Running publisher = Ffmpeg.start(dir.resolve("pub.log"), "-loglevel", "error", "-re", "-i",
                source.toString(), "-c", "copy", "-f", "flv", url)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !media.contains("seg-1.m4s")) {
                HttpResponse<String> r = get("/hls/live/killed/media.m3u8");
                media = r.statusCode() == 200 ? r.body() : "";
                Thread.sleep(100);
            }
            assertTrue(media.contains("seg-1.m4s"), "two segments while live: " + media);
            assertTrue(!media.contains("#EXT-X-ENDLIST"), media);
            publisher.process().destroyForcibly().waitFor();
        }
        long killed = System.nanoTime();
        while (!media.contains("#EXT-X-ENDLIST") && System.nanoTime() - killed < Duration.ofSeconds(5).toNanos()) {
            media = get("/hls/live/killed/media.m3u8").body();
            Thread.sleep(20);
        }
        long endlistMs = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("ENDLIST " + endlistMs + " ms after the publisher was killed");
        assertTrue(media.contains("#EXT-X-ENDLIST"), media);
        String playlistUrl = base.toString().replaceAll("/$", "") + "/hls/live/killed/index.m3u8";
        assertTrue(DecodedMd5.of(playlistUrl, "0:v").size() >= 50, "what was received stays playable");

        Ffmpeg.run(60, "-nostdin", "-loglevel", "error", "-t", "3", "-i", source.toString(), "-c", "copy", "-f", "flv", url)
                .requireSuccess();
        String resumed = get("/hls/live/killed/media.m3u8").body();
        assertTrue(resumed.contains("#EXT-X-DISCONTINUITY"), resumed);
        assertTrue(DecodedMd5.of(playlistUrl, "0:v").size() >= 100, "both publishes play in one playlist");
    }

    @Test
    void stalledHttpClientsDoNotStallTheStreamOrOtherClients() throws Exception {
        Path dir = Files.createTempDirectory("hls-stall");
        Path source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 12);
        List<java.net.Socket> stalled = new java.util.ArrayList<>();
        try (Ffmpeg.Running publisher = Ffmpeg.start(dir.resolve("pub.log"), "-loglevel", "error", "-re", "-i",
                source.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/stall")) {
            String media = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !media.contains("seg-0.m4s")) {
                HttpResponse<String> r = get("/hls/live/stall/media.m3u8");
                media = r.statusCode() == 200 ? r.body() : "";
                Thread.sleep(100);
            }
            // 20 clients ask for a segment and for blocking reloads, then never read a byte
            for (int i = 0; i < 20; i++) {
                java.net.Socket s = new java.net.Socket();
                s.setReceiveBufferSize(1024);
                s.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
                String path = i % 2 == 0 ? "/hls/live/stall/seg-0.m4s" : "/hls/live/stall/media.m3u8?_HLS_msn=3";
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
                stalled.add(s);
            }
            // everyone else is served, and the stream goes on being segmented
            long before = segments(get("/hls/live/stall/media.m3u8").body());
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = get("/hls/live/stall/media.m3u8");
                assertEquals(200, r.statusCode());
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                        + "/hls/live/stall/seg-0.m4s")).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode());
                Thread.sleep(300);
            }
            long after = segments(get("/hls/live/stall/media.m3u8").body());
            assertTrue(after > before, "new segments while 20 clients stall: " + before + " -> " + after);
        } finally {
            for (java.net.Socket s : stalled) {
                s.close();
            }
        }
    }

    private static long segments(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF")).count()
                + playlist.lines().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:")).mapToLong(l -> Long.parseLong(l.substring(22))).sum();
    }
}
