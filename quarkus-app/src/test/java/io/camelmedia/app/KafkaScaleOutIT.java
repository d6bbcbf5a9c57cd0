package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.SampleFrames;
import org.junit.jupiter.api.Test;

/**
 * Scale-out as the README shows it: two processes of the packaged app and a real Kafka broker. The ingest node
 * (examples/kafka/ingest) takes an RTMP publish (ffmpeg, real time); the origin node (examples/kafka/origin) is
 * started while the stream is already live, joins it at a key frame from the topic's newest records, and serves
 * it as HLS; ffmpeg reading the origin's HLS decodes a run of the source's pictures, frame for frame, from the
 * joining key frame to the end.
 */
class KafkaScaleOutIT {
    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anIngestNodeAndAnOriginNodeShareStreamsThroughKafka() throws Exception {
        assertTrue(Files.exists(APP), "the packaged app (mvn package) is needed: " + APP.toAbsolutePath());
        Path dir = Files.createTempDirectory("scale-out");
        int rtmp = freePort();
        Path ingestRoutes = routes(dir.resolve("ingest"), "ingest/rtmp-to-kafka.yaml", "rtmp://0.0.0.0:1935", "rtmp://127.0.0.1:" + rtmp);
        Path originRoutes = routes(dir.resolve("origin"), "origin/kafka-to-hls.yaml", "", "");
        Path source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 24);
        try (KafkaBroker kafka = new KafkaBroker().start("media.frames", "media.segments");
             App ingest = App.start(dir.resolve("ingest.log"), ingestRoutes, kafka.bootstrapServers())) {
            ingest.awaitUp(http);
            try (Ffmpeg.Running publisher = Ffmpeg.start(dir.resolve("publish.log"), "-loglevel", "error", "-re", "-i",
                    source.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/live/scaled")) {
                Thread.sleep(2000);
                assertTrue(publisher.process().isAlive(), publisher.logTail());
                try (App origin = App.start(dir.resolve("origin.log"), originRoutes, kafka.bootstrapServers())) {
                    origin.awaitUp(http);
                    String media = origin.url("/hls/live/scaled/media.m3u8");
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    String body = "";
                    while (System.nanoTime() < deadline && !body.contains("#EXT-X-ENDLIST")) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(media)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        body = r.statusCode() == 200 ? r.body() : "";
                        Thread.sleep(200);
                    }
                    assertTrue(body.contains("#EXT-X-ENDLIST"), "the origin's playlist ends with the publish: " + body
                            + "\n" + origin.logTail() + "\n" + ingest.logTail());
                    List<String> source0 = DecodedMd5.of(source.toString(), "0:v");
                    List<String> served = DecodedMd5.of(origin.url("/hls/live/scaled/index.m3u8"), "0:v");
                    // joined late: a run of the source from a key frame, at least the last 6 of the 24 seconds (the origin takes ~6 s to start on 2 busy cores, ~4 s to join its group)
                    DecodedMd5.assertRunOf(source0, served, 0, 6 * 25, "origin HLS");
                    assertTrue(served.size() < source0.size(), "the origin joined a live stream, it did not replay it");
                    assertTrue(origin.log().contains("from Kafka: live/scaled H264 320x240"), origin.logTail());
                }
            }
        }
    }

    /** The example's routes in their own folder, with {@code from} replaced by {@code to}. */
    private static Path routes(Path folder, String example, String from, String to) throws IOException {
        Files.createDirectories(folder);
        String yaml = Files.readString(Path.of("..", "examples", "kafka").resolve(example));
        Files.writeString(folder.resolve(Path.of(example).getFileName()), from.isEmpty() ? yaml : yaml.replace(from, to));
        return folder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One process of the packaged app, as run.sh starts it, on a free HTTP port. */
    private record App(Process process, Path logFile, int httpPort) implements AutoCloseable {
        static App start(Path log, Path routes, String brokers) throws IOException {
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseG1GC", "-Droutes.dir=" + routes.toAbsolutePath(), "-Dkafka.brokers=" + brokers,
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dcamel.media.webrtc.ice-port=0", "-jar", APP.toAbsolutePath().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new App(p, log, port);
        }

        String url(String path) {
            return "http://127.0.0.1:" + httpPort + path;
        }

        void awaitUp(HttpClient http) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), "the app exited:\n" + logTail());
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url("/hls/streams.json"))).build(), HttpResponse.BodyHandlers.discarding());
                    if (log().contains("started in")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the app did not start in 60 s:\n" + logTail());
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "";
            }
        }

        String logTail() {
            String s = log();
            return s.substring(Math.max(0, s.length() - 4000));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
