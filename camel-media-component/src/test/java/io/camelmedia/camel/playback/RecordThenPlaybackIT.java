package io.camelmedia.camel.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.PlatformHttpTesting;
import io.camelmedia.testing.SampleFrames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder and playback together: an RTMP publish (ffmpeg 8, {@code -re}) recorded by
 * {@code media:record?live=true} into files of 2 s, then served by {@code playback:} from the same folder: the
 * listing gives every file with its time span, and ffmpeg reading the HLS VOD playlist of the whole stream (the
 * files' shared init as one EXT-X-MAP, one timeline) decodes the same pictures as the published source, and so
 * does its {@code /get} as one MP4; a {@code /get} span across two files decodes to a run of the source's pictures.
 */
class RecordThenPlaybackIT {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aLiveRecordingIsListedAndPlaysAsHlsVod() throws Exception {
        Path flv = SampleFrames.writeH264Aac(tmp.resolve("src.flv"), 7);
        Path dir = tmp.resolve("rec");
        int rtmp = freePort();
        int http = freePort();
        try (CamelContext camel = PlatformHttpTesting.context(http)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + rtmp + "/live")
                            .to("media:record?live=true&interval=2s&partDuration=1s&directory=" + dir);
                    from("playback:rec?basePath=/recordings&directory=" + dir).log("${header.CamelHttpUri}");
                }
            });
            camel.start();
            Ffmpeg.run(120, "-nostdin", "-v", "error", "-re", "-i", flv.toString(), "-c", "copy", "-f", "flv",
                    "rtmp://127.0.0.1:" + rtmp + "/live/cam1").requireSuccess();
            awaitFinished(dir);

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http + "/recordings/live/cam1/";
            String list = client.send(HttpRequest.newBuilder(URI.create(base + "list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"duration\":([0-9.]+)").matcher(list);
            int files = 0;
            double total = 0;
            while (m.find()) {
                files++;
                total += Double.parseDouble(m.group(1));
            }
            assertTrue(files >= 3, list);
            assertEquals(7.0, total, 0.5, list);
            assertTrue(!list.contains("\"inProgress\":true") && !list.contains("error"), list);

            String playlist = client.send(HttpRequest.newBuilder(URI.create(base + "index.m3u8")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // the recorder's files of one stream share their init bytes and continue one timeline: one EXT-X-MAP,
            // no discontinuity, a PROGRAM-DATE-TIME per file
            assertEquals(1, playlist.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).count(), playlist);
            assertEquals(0, playlist.lines().filter(l -> l.equals("#EXT-X-DISCONTINUITY")).count(), playlist);
            assertEquals(files, playlist.lines().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).count(), playlist);
            List<String> source = DecodedMd5.of(flv.toString(), "0:v");
            DecodedMd5.assertSameFrames(source, DecodedMd5.of(base + "index.m3u8", "0:v"),
                    "HLS VOD of the recording against the published source");

            // /get: the whole recording as one MP4 across its files, and a span from the second file into the third
            List<String> starts = new java.util.ArrayList<>();
            Matcher s = Pattern.compile("\"start\":\"([^\"]+)\"").matcher(list);
            while (s.find()) {
                starts.add(s.group(1));
            }
            Path whole = tmp.resolve("whole.mp4");
            HttpResponse<Path> all = client.send(HttpRequest.newBuilder(URI.create(base + "get?start=" + starts.get(0)
                    + "&duration=60")).build(), HttpResponse.BodyHandlers.ofFile(whole));
            assertEquals(200, all.statusCode());
            assertEquals(List.of(Long.toString(Files.size(whole))), all.headers().allValues("Content-Length"));
            DecodedMd5.assertSameFrames(source, DecodedMd5.of(whole.toString(), "0:v"), "/get of the whole recording");
            Path span = tmp.resolve("span.mp4");
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
                    + "/recordings/get?path=live/cam1&start=" + starts.get(1) + "&duration=3")).build(),
                    HttpResponse.BodyHandlers.ofFile(span)).statusCode());
            List<String> spanFrames = DecodedMd5.of(span.toString(), "0:v");
            DecodedMd5.assertRunOf(source, spanFrames, 0, 70, "/get of 3 s across two files");
            Ffmpeg.Result probe = Ffmpeg.probe(60, "-v", "error", "-select_streams", "v", "-show_entries",
                    "stream=start_time,duration", "-of", "csv=p=0", span.toString()).requireSuccess();
            String[] startAndDuration = probe.stdout().trim().split(",");
            assertEquals(0.0, Double.parseDouble(startAndDuration[0]), 0.05, probe.stdout());
            // from the file's first key frame: 3 s and at most one more 1 s part (the GOP is 1 s)
            double d = Double.parseDouble(startAndDuration[1]);
            assertTrue(d >= 2.95 && d <= 4.05, probe.stdout());
            assertEquals(Math.round(d * 25), spanFrames.size(), 1, "25 fps");
        }
    }

    /** The recorder renames each .part when its file is done; the last one once the publish has ended. */
    private static void awaitFinished(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    java.util.List<Path> files = s.filter(Files::isRegularFile).toList();
                    if (!files.isEmpty() && files.stream().noneMatch(p -> p.toString().endsWith(".part"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
    }
}
