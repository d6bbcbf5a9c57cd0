package io.camelmedia.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelmedia.app.FreeRtmpPort;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.app.metrics.MetricsAndHealthTest;
import io.camelmedia.format.fmp4.FragmentIndex;
import io.camelmedia.testing.Ffmpeg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The seed commands, verbatim but for the port (the test app's), run with curl against the app: a file
 * made live, recorded in files cut every 20 s and made HLS; then the RTP pair (H.264 + Opus from ffmpeg) that makes
 * ONE stream, and egress RTP that ffmpeg plays from the SDP the call answers with.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class ControlApiSeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEST_MP4 = Path.of("test.mp4");
    private static final Path OUTPUT = Path.of("output4");
    private static final String STREAM = AuthDecision.keyPath("live/", "streamkey");

    @TestHTTPResource("/")
    URL base;

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(TEST_MP4);
        delete(OUTPUT);
    }

    @Test
    void theSeedCommandsWork() throws Exception {
        // 25 s of 320x240 25 fps H.264 (1 s GOP) + AAC, in the app's working directory as the seed has it
        Ffmpeg.run(120, "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "25",
                "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-b:a", "64k", TEST_MP4.toString()).requireSuccess();

        JsonNode files = curl201("curl -X POST http://127.0.0.1:8080/v1/ingress/files -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"path\":\"./test.mp4\",\"mediaTypes\":[\"video\",\"audio\"]}'");
        assertEquals(STREAM, files.get("stream").asText());
        assertTrue(!STREAM.contains("streamkey"), "the key never becomes the public name");
        awaitLive();
        JsonNode rec = curl201("curl -X POST http://127.0.0.1:8080/v1/egress/files  -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"path\":\"./output4\",\"mediaTypes\":[\"video\",\"audio\"],\"interval\":20000}'");
        JsonNode hls = curl201("curl -X POST http://127.0.0.1:8080/v1/hls           -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"path\":\"./output4\",\"mediaTypes\":[\"video\",\"audio\"],\"interval\":20000}'");

        // the same key cannot start a second, different ingress while the file plays
        JsonNode taken = curl("curl -s -w '\\n%{http_code}' -X POST http://127.0.0.1:8080/v1/ingress/rtp -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"addr\":\"127.0.0.1\", \"port\":5000, \"payloadType\":127, \"codecType\":\"h264\"}'", 409);
        assertTrue(taken.get("error").asText().contains("in use"), taken.toString());

        JsonNode streams = get("/v1/streams");
        JsonNode s = streams.get("streams").get(0);
        assertEquals(STREAM, s.get("path").asText());
        assertEquals("file-media", s.get("source").asText());
        assertEquals(List.of(files.get("id").asText()), ids(s.get("ingress")));
        assertEquals(List.of(rec.get("id").asText(), hls.get("id").asText()), ids(s.get("egress")));

        // the file ends after 25 s: the recording is finished (two files: 20 s and the rest)
        Path dir = OUTPUT.resolve(STREAM);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Path> mp4;
        while (!get("/v1/streams").get("streams").isEmpty()
                || (mp4 = recordings(dir)).isEmpty() || mp4.stream().anyMatch(p -> p.toString().endsWith(".part"))) {
            assertTrue(System.nanoTime() < deadline, "the file did not end, or its recording was not finished: " + recordings(dir));
            Thread.sleep(200);
        }
        assertEquals(2, mp4.size(), mp4.toString());
        double first = duration(mp4.get(0));
        assertTrue(first >= 19.5 && first <= 21, "the first file is cut at 20 s (a key frame), was " + first + " of " + mp4);
        assertTrue(first + duration(mp4.get(1)) >= 24, "together the whole file");
        Map<String, Double> metrics = MetricsAndHealthTest.scrape(new URL(base, "q/metrics"), null);
        assertEquals(2.0, metrics.get("camelmedia_record_finished_files_total"), "finished files counted: " + metrics);
        assertEquals(0.0, metrics.get("camelmedia_record_dropped_parts_total"));
        // /v1/hls wrote its playlist and 20 s segments under the folder, and served them
        String playlist = Files.readString(dir.resolve("media.m3u8"));
        assertTrue(playlist.contains("#EXT-X-TARGETDURATION:20") || playlist.contains("#EXT-X-TARGETDURATION:21"), playlist);
        assertTrue(playlist.contains("#EXT-X-ENDLIST"), playlist);
        URL index = new URL(base, hls.get("playlist").asText().substring(1));
        String variants = new String(index.openStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(variants.contains("media.m3u8"), variants);
        String served = new String(new URL(index, "media.m3u8").openStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(playlist, served, "the playlist served is the one written");

        for (JsonNode r : List.of(files, rec, hls)) {
            String kind = r.get("id").asText().startsWith("ingress") ? "ingress" : "egress";
            curl("curl -s -w '\\n%{http_code}' -X DELETE http://127.0.0.1:8080/v1/" + kind + "/" + r.get("id").asText()
                    + " -H \"Authorization: Bearer streamkey\"", 200);
        }

        // the RTP pair: one stream, H.264 + Opus
        JsonNode video = curl201("curl -X POST http://127.0.0.1:8080/v1/ingress/rtp   -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"addr\":\"127.0.0.1\", \"port\":5000, \"payloadType\":127, \"codecType\":\"h264\"}'");
        JsonNode audio = curl201("curl -X POST http://127.0.0.1:8080/v1/ingress/rtp   -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"addr\":\"127.0.0.1\", \"port\":5003, \"payloadType\":96, \"codecType\":\"opus\"}'");
        Path work = Files.createTempDirectory("seed-rtp");
        try (Ffmpeg.Running sender = Ffmpeg.start(work.resolve("send.log"), "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25:duration=20", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=20",
                "-map", "0:v", "-c:v", "libopenh264", "-g", "25", "-bsf:v", "h264_mp4toannexb", "-payload_type", "127",
                "-f", "rtp", "rtp://127.0.0.1:5000", "-map", "1:a", "-c:a", "libopus", "-ar", "48000", "-ac", "2",
                "-payload_type", "96", "-f", "rtp", "rtp://127.0.0.1:5003")) {
            awaitLive();
            JsonNode live = get("/v1/streams").get("streams").get(0);
            List<String> codecs = new ArrayList<>();
            live.get("tracks").forEach(t -> codecs.add(t.get("codec").asText()));
            assertEquals(List.of("H264", "OPUS"), codecs, live.toString());
            assertEquals(List.of(video.get("id").asText(), audio.get("id").asText()), ids(live.get("ingress")));

            JsonNode out = curl201("curl -X POST http://127.0.0.1:8080/v1/egress/rtp    -H \"Authorization: Bearer streamkey\" -H \"Content-Type: application/json\" -d '{\"addr\":\"127.0.0.1\", \"port\":6000, \"mediaTypes\":[\"video\",\"audio\"]}'");
            assertTrue(out.hasNonNull("sdp"), "the SDP is in the answer: " + out);
            Path sdp = Files.writeString(work.resolve("egress.sdp"), out.get("sdp").asText());
            // ffmpeg plays the egress from that SDP: 3 s of it, both tracks decoded
            Ffmpeg.Result played = Ffmpeg.run(60, "-v", "info", "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                    "-t", "3", "-f", "framemd5", "-");
            assertEquals(0, played.exitCode(), played.stderr());
            long videoFrames = played.stdout().lines().filter(l -> l.startsWith("0,")).count();
            long audioFrames = played.stdout().lines().filter(l -> l.startsWith("1,")).count();
            assertTrue(videoFrames >= 50, "video decoded from the egress: " + videoFrames);
            assertTrue(audioFrames >= 50, "audio decoded from the egress: " + audioFrames);
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The seed's {@code http://127.0.0.1:8080/v1/whip}: ffmpeg publishes with the key as Bearer, the stream is the key's. */
    @Test
    void theSeedWhipUrlTakesAPublishNamedByItsKey() throws Exception {
        String url = base.toString().replace("localhost", "127.0.0.1") + "v1/whip";
        String stream = AuthDecision.keyPath("live/", "whipkey");
        try (Ffmpeg.Running pub = Ffmpeg.start(Files.createTempFile("whip", ".log"), "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25:duration=8", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=8",
                "-c:v", "libopenh264", "-g", "25", "-c:a", "libopus", "-ar", "48000", "-ac", "2",
                "-authorization", "whipkey", "-f", "whip", url)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            JsonNode found = null;
            while (found == null) {
                assertTrue(System.nanoTime() < deadline, "the WHIP publish never went live: " + pub.logTail());
                for (JsonNode s : get("/v1/streams").get("streams")) {
                    if (s.get("path").asText().equals(stream)) {
                        found = s;
                    }
                }
                Thread.sleep(100);
            }
            assertEquals("whip", found.get("source").asText());
            assertEquals(2, found.get("tracks").size(), found.toString());
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private void awaitLive() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("/v1/streams").get("streams").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the stream never went live");
            Thread.sleep(100);
        }
    }

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(new URL(base, path.substring(1)));
    }

    private JsonNode curl201(String command) throws Exception {
        // the seed's commands print the body only: add the status so the test can check it
        return curl(command.replaceFirst("^curl ", "curl -s -w '\\\\n%{http_code}' "), 201);
    }

    private JsonNode curl(String command, int status) throws Exception {
        String cmd = command.replace("http://127.0.0.1:8080/", base.toString().replace("localhost", "127.0.0.1"));
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        int nl = out.lastIndexOf('\n');
        assertEquals(Integer.toString(status), out.substring(nl + 1).strip(), cmd + "\n" + out);
        return JSON.readTree(out.substring(0, nl));
    }

    private static List<Path> recordings(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}_.*\\.mp4(\\.part)?")).sorted().toList();
        }
    }

    private static double duration(Path mp4) throws IOException {
        try (FileChannel ch = FileChannel.open(mp4)) {
            return FragmentIndex.read(ch, ch.size()).duration();
        }
    }
}
