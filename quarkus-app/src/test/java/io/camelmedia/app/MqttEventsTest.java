package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelmedia.testing.Ffmpeg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * examples/mqtt/mqtt-events.yaml, and the README's copy of it, in the app as built, against a real broker: Debian's
 * mosquitto, started here on a free loopback port. ffmpeg publishes over RTMP; a separate MQTT subscriber must receive
 * the stream's STARTED (path, codecs, picture size, audio format) and then its ENDED, as JSON on
 * media/events/<stream path>.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class MqttEventsTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "mqtt", "mqtt-events.yaml");
    private static final String BROKER_PLACEHOLDER = "{{camel.media.mqtt.broker-url:tcp://localhost:1883}}";
    private static final String RTMP = "rtmp://0.0.0.0:1935";

    @Inject
    CamelContext camel;

    record Received(String topic, MqttMessage message) {
    }

    /** The example file and the README's MQTT block (the README block that publishes with paho:). */
    static List<Arguments> routes() throws Exception {
        List<String> readme = ExamplesLoadTest.examples().stream().filter(e -> e[0].startsWith("README.md"))
                .map(e -> e[1]).filter(yaml -> yaml.contains("paho:")).toList();
        assertEquals(1, readme.size(), "README yaml blocks with paho:");
        return List.of(Arguments.of("examples/mqtt/mqtt-events.yaml", Files.readString(EXAMPLE)),
                Arguments.of("README.md MQTT block", readme.get(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void startedAndEndedOfAnRtmpPublishArriveAsJsonAtAnMqttSubscriber(String name, String yaml) throws Exception {
        Mosquitto.assumeAvailable();
        assertTrue(yaml.contains(BROKER_PLACEHOLDER) && yaml.contains(RTMP), name + ": the broker URL and RTMP URI");
        Instant before = Instant.now().minusSeconds(1);
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        try (Mosquitto broker = Mosquitto.start()) {
            MqttClient subscriber = new MqttClient(broker.url(), "test-subscriber", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setConnectionTimeout(5);
            subscriber.connect(options);
            try {
                subscriber.subscribe("media/events/#", 1, (topic, message) -> received.add(new Received(topic, message)));
                int rtmpPort = freePort();
                Set<String> routes = load(yaml.replace(BROKER_PLACEHOLDER, broker.url())
                        .replace(RTMP, "rtmp://127.0.0.1:" + rtmpPort));
                try {
                    Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2",
                            "-c:v", "libopenh264", "-g", "25", "-c:a", "aac",
                            "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/live/mqtttest").requireSuccess();
                    Received started = received.poll(15, TimeUnit.SECONDS);
                    assertNotNull(started, "no STARTED message on the broker within 15 s\n" + broker.logText());
                    Received ended = received.poll(15, TimeUnit.SECONDS);
                    assertNotNull(ended, "no ENDED message on the broker within 15 s\n" + broker.logText());

                    for (Received r : new Received[] {started, ended}) {
                        System.out.println("MQTT " + r.topic() + " " + new String(r.message().getPayload(), StandardCharsets.UTF_8));
                    }
                    assertStarted(started, before);
                    assertEnded(ended, before);
                    assertEquals(null, received.poll(500, TimeUnit.MILLISECONDS), "STARTED and ENDED only, no frames");
                } finally {
                    for (String id : routes) {
                        camel.getRouteController().stopRoute(id);
                        camel.removeRoute(id);
                    }
                }
            } finally {
                subscriber.disconnect();
                subscriber.close();
            }
        }
    }

    private static void assertStarted(Received r, Instant before) throws Exception {
        JsonNode json = json(r);
        assertEquals("media/events/live/mqtttest", r.topic());
        assertEquals(1, r.message().getQos(), json.toString());
        assertEquals("STARTED", json.path("event").asText(), json.toString());
        assertEquals("live/mqtttest", json.path("path").asText(), json.toString());
        assertTime(json, before);
        assertEquals("live/mqtttest H264 320x240, AAC 44100Hz 1ch", json.path("description").asText(), json.toString());
        JsonNode video = json.path("tracks").path(0);
        assertEquals("VIDEO", video.path("mediaType").asText(), json.toString());
        assertEquals("H264", video.path("codec").asText(), json.toString());
        assertTrue(video.path("codecs").asText().startsWith("avc1."), json.toString());
        assertEquals(320, video.path("width").asInt(), json.toString());
        assertEquals(240, video.path("height").asInt(), json.toString());
        JsonNode audio = json.path("tracks").path(1);
        assertEquals("AAC", audio.path("codec").asText(), json.toString());
        assertEquals("mp4a.40.2", audio.path("codecs").asText(), json.toString());
        assertEquals(44_100, audio.path("sampleRate").asInt(), json.toString());
        assertEquals(1, audio.path("channels").asInt(), json.toString());
        assertEquals(2, json.path("tracks").size(), json.toString());
        assertEquals(320, json.path("metadata").path("width").asInt(), "ffmpeg's onMetaData: " + json);
        assertTrue(json.path("metadata").path("width").isIntegralNumber(), json.toString());
    }

    private static void assertEnded(Received r, Instant before) throws Exception {
        JsonNode json = json(r);
        assertEquals("media/events/live/mqtttest", r.topic());
        assertEquals("ENDED", json.path("event").asText(), json.toString());
        assertEquals("live/mqtttest", json.path("path").asText(), json.toString());
        assertFalse(json.path("reason").asText().isEmpty(), json.toString());
        assertTime(json, before);
        assertEquals(2, json.path("tracks").size(), "the stream's last tracks: " + json);
    }

    private static void assertTime(JsonNode json, Instant before) {
        Instant time = Instant.parse(json.path("time").asText());
        assertTrue(!time.isBefore(before) && !time.isAfter(Instant.now()), json.toString());
    }

    private static JsonNode json(Received r) throws Exception {
        return new ObjectMapper().readTree(new String(r.message().getPayload(), StandardCharsets.UTF_8));
    }

    /** Loads YAML routes into the running app and returns the ids of the routes it added. */
    private Set<String> load(String yaml) throws Exception {
        Set<String> before = ids();
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("mqtt-events.yaml", yaml));
        Set<String> added = ids();
        added.removeAll(before);
        assertEquals(Set.of("mqtt-ingest", "mqtt-events"), added);
        return added;
    }

    private Set<String> ids() {
        Set<String> s = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            s.add(r.getRouteId());
        }
        return s;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
