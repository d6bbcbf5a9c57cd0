package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.format.frames.FrameRecords;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.RecordingMediaListener;
import io.camelmedia.testing.SampleFrames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Kafka examples against a real broker ({@link KafkaBroker}, in this JVM): an RTMP publish (ffmpeg) goes through
 * examples/kafka/ingest to the topics media.frames (frame records) and media.segments (MPEG-TS segments); the
 * origin example rebuilds the frames topic, a route here rebuilds the segments topic, both are served as HLS, and
 * ffmpeg reading them decodes exactly the source's pictures and sound. Then 720p30 streams fed from memory at full
 * speed give the throughput, counted by a third consumer of the frames topic. (Not an RTMP publish at full speed:
 * ffmpeg closing its connection with our acknowledgements unread resets it, and the kernel drops the last few
 * hundred milliseconds it had not yet handed over.)
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBroker.class, restrictToAnnotatedClass = true)
class KafkaRoutesTest {
    @Inject
    CamelContext camel;

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "kafka.brokers")
    String brokers;

    private static final int STREAMS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aStreamThroughKafkaComesBackFrameIdenticalAsFramesAndAsSegments() throws Exception {
        int rtmp = freePort();
        Path examples = Path.of("..", "examples", "kafka");
        load("ingest", Files.readString(examples.resolve("ingest/rtmp-to-kafka.yaml"))
                .replace("rtmp://0.0.0.0:1935", "rtmp://127.0.0.1:" + rtmp));
        // the origin joins at the start of the (new) topic: it runs before the publish, but its group may be
        // assigned only after the first records
        load("origin", Files.readString(examples.resolve("origin/kafka-to-hls.yaml"))
                .replace("{{kafka.path-prefix:}}", "frames/").replace("autoOffsetReset: latest", "autoOffsetReset: earliest"));
        load("segments", """
                - route:
                    id: segments-back
                    from:
                      uri: "kafka:media.segments"
                      parameters:
                        brokers: "{{kafka.brokers}}"
                        groupId: segments-back
                        autoOffsetReset: earliest
                        valueDeserializer: org.apache.kafka.common.serialization.ByteArrayDeserializer
                      steps:
                        - setHeader:
                            name: CamelMediaStream
                            simple: "segments/${header.kafka.KEY}"
                        - to: "media:demux?format=mpegts&output=direct:from-kafka&inactivityTimeout=2s"
                """);
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:media.frames?brokers=" + brokers + "&groupId=count&autoOffsetReset=earliest"
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer").routeId("count")
                        .process(e -> {
                            byte[] r = e.getIn().getBody(byte[].class);
                            if (FrameRecords.parse(r, 0, r.length).event() == MediaEvent.ENDED) {
                                ended.incrementAndGet();
                            }
                            long now = System.nanoTime();
                            first.compareAndSet(0, now);
                            last.set(now);
                            records.incrementAndGet();
                            bytes.addAndGet(r.length);
                        });
            }
        });

        Path dir = Files.createTempDirectory("kafka");
        Path source = SampleFrames.writeH264Aac(dir.resolve("src.flv"), 6);
        Ffmpeg.run(60, "-nostdin", "-loglevel", "error", "-i", source.toString(), "-c", "copy", "-f", "flv",
                "rtmp://127.0.0.1:" + rtmp + "/live/k").requireSuccess();
        awaitEndlist("/hls/frames/live/k/media.m3u8");
        awaitEndlist("/hls/segments/live/k/media.m3u8");

        List<String> video = DecodedMd5.of(source.toString(), "0:v");
        List<String> audio = DecodedMd5.of(source.toString(), "0:a");
        for (String url : List.of("/hls/frames/live/k/index.m3u8", "/hls-ts/frames/live/k/index.m3u8",
                "/hls/segments/live/k/index.m3u8")) {
            assertEquals(video, DecodedMd5.of(http(url), "0:v"), url + " video");
            assertEquals(audio, DecodedMd5.of(http(url), "0:a"), url + " audio");
        }

        // throughput: 10 s of 720p30 at 2.5 Mb/s + AAC, read into memory, fed into the ingest example's frames
        // branch as fast as the calling thread goes, for STREAMS streams; counted at a consumer of the topic
        Path hd = dir.resolve("720p.flv");
        Ffmpeg.run(180, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "10", "-c:v", "libopenh264",
                "-b:v", "2500k", "-g", "60", "-c:a", "aac", "-b:a", "128k", "-f", "flv", hd.toString()).requireSuccess();
        RecordingMediaListener read = SampleFrames.read(hd);
        StreamInfo info = read.starts().get(0);
        long before = records.get();
        long beforeBytes = bytes.get();
        long endedBefore = ended.get();
        first.set(0);
        ProducerTemplate template = camel.createProducerTemplate();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        for (int s = 0; s < STREAMS; s++) {
            String path = "bench/hd" + s;
            template.send("direct:frames-to-kafka", e -> MediaExchanges.started(e, new StreamInfo(path, info.tracks(), info.metadata())));
            for (MediaFrame f : read.frames()) {
                template.send("direct:frames-to-kafka", e -> MediaExchanges.frame(e, path, f));
            }
            template.send("direct:frames-to-kafka", e -> MediaExchanges.ended(e, path, "done", info));
        }
        long fed = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ended.get() - endedBefore < STREAMS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long n = records.get() - before;
        System.out.printf("KAFKA fed in %.2f s after the first record arrived; this JVM (broker, ingest, origin serving two"
                + " HLS formats, counter) used %.1f s of CPU%n", (fed - first.get()) / 1e9, (os.getProcessCpuTime() - cpuBefore) / 1e9);
        double seconds = (last.get() - first.get()) / 1e9;
        double mb = (bytes.get() - beforeBytes) / 1e6;
        System.out.printf("KAFKA %d x 720p30 (10 s each) through media.frames: %d records, %.1f MB in %.2f s: %.0f records/s,"
                + " %.1f MB/s, %.1f x real time%n", STREAMS, n, mb, seconds, n / seconds, mb / seconds, STREAMS * 10 / seconds);
        assertEquals(STREAMS * (read.frames().size() + 2L), n, "every record of every stream arrived");
    }

    private void load(String name, String yaml) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(name + ".yaml", yaml));
    }

    private String http(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void awaitEndlist(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String media = "";
        while (System.nanoTime() < deadline && !media.contains("#EXT-X-ENDLIST")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(http(path))).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            media = r.statusCode() == 200 ? r.body() : "";
            Thread.sleep(100);
        }
        assertTrue(media.contains("#EXT-X-ENDLIST"), path + ": ENDLIST after the publisher left: " + media);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
