package io.camelmedia.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelmedia.app.FreeRtmpPort;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.SampleFrames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** POST /v1/egress/srt pushes an RTMP publish to ffmpeg listening for SRT: what it receives decodes as the source. */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
class ControlApiSrtEgressTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void pushesTheStreamToAnSrtListener() throws Exception {
        Path dir = Files.createTempDirectory("srt-egress");
        Path flv = SampleFrames.writeH264Aac(dir.resolve("in.flv"), 6);
        Path out = dir.resolve("pushed.ts");
        int remote;
        try (DatagramSocket s = new DatagramSocket(0)) {
            remote = s.getLocalPort();
        }
        String key = "srt-egress-key";
        String stream = AuthDecision.keyPath("live/", key);
        HttpClient http = HttpClient.newHttpClient();
        // made before the stream is live: it starts when the stream does
        HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "v1/egress/srt"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"addr\":\"127.0.0.1\",\"port\":" + remote + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, made.statusCode(), made.body());
        JsonNode egress = new ObjectMapper().readTree(made.body());
        assertEquals(false, egress.get("live").asBoolean());
        try (Ffmpeg.Running sink = Ffmpeg.start(dir.resolve("sink.log"), "-i", "srt://127.0.0.1:" + remote + "?mode=listener",
                "-c", "copy", "-f", "mpegts", "-y", out.toString())) {
            // the stream's path is the key's: publish it over RTMP with its name as the path
            try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-i", flv.toString(), "-c", "copy", "-f", "flv",
                    "rtmp://127.0.0.1:" + FreeRtmpPort.port() + "/" + stream)) {
                assertEquals(0, pub.await(30), pub.logTail());
            }
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(base + "v1/egress/" + egress.get("id").asText()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals(0, sink.await(30), sink.logTail());   // deleting the egress closes the push: the sink ends
        }
        DecodedMd5.assertRunOf(DecodedMd5.of(flv.toString(), "0:v"), DecodedMd5.of(out.toString(), "0:v"), 0, 100,
                "video pushed over SRT");
        assertTrue(Files.size(out) > 100_000);
    }
}
