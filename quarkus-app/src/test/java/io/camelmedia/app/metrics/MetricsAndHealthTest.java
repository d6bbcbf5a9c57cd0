package io.camelmedia.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelmedia.app.FreeRtmpPort;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.SampleFrames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics read by a Prometheus text-format parser while a real RTMP publish runs: the per-stream counters
 * follow what was sent to within one scrape interval, the gauges say what the stream is; /q/health/ready is up.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
public class MetricsAndHealthTest {
    @TestHTTPResource("/")
    URL base;

    /** One sample line of the Prometheus text format: {@code name{labels} value}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** name -> value of the samples whose labels include stream=path. */
    public static Map<String, Double> scrape(URL metrics, String stream) throws IOException {
        Map<String, Double> out = new HashMap<>();
        String text = new String(metrics.openStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not Prometheus text format: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            if (stream == null ? !labels.containsKey("stream") : stream.equals(labels.get("stream"))) {
                String key = labels.containsKey("reason") ? "{" + labels.get("reason") + "}"
                        : labels.containsKey("protocol") ? "{" + labels.get("protocol") + "/" + labels.get("action") + "}" : "";
                out.put(m.group(1) + (stream == null ? key : ""), Double.parseDouble(m.group(4)));
            }
        }
        return out;
    }

    @Test
    void streamFiguresFollowWhatWasSentAndTheAppIsReady() throws Exception {
        HttpURLConnection ready = (HttpURLConnection) new URL(base, "q/health/ready").openConnection();
        String health = new String(ready.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(200, ready.getResponseCode(), health);
        assertTrue(health.contains("\"UP\""), health);

        Path dir = Files.createTempDirectory("metrics");
        Path flv = SampleFrames.writeH264Aac(dir.resolve("in.flv"), 6);
        long sentFrames = SampleFrames.read(flv).frames().size();
        URL metrics = new URL(base, "q/metrics");
        Map<String, Double> mid = Map.of();
        Map<String, Double> last = Map.of();
        try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-i", flv.toString(), "-c", "copy",
                "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port() + "/live/metrics")) {
            Ffmpeg.Running srtReader = null;
            double srtReaders = 0;
            int apiSrtReaders = 0;
            while (pub.process().isAlive()) {
                Map<String, Double> now = scrape(metrics, "live/metrics");
                if (!now.isEmpty()) {
                    last = now;
                    if (srtReader == null) {
                        // a viewer over SRT: counted as the stream's SRT reader
                        srtReader = Ffmpeg.start(dir.resolve("srt-read.log"), "-i", "srt://127.0.0.1:" + FreeRtmpPort.srtPort()
                                + "?streamid=read:live/metrics", "-t", "3", "-f", "null", "-");
                    }
                    srtReaders = Math.max(srtReaders, now.getOrDefault("camelmedia_stream_srt_readers", 0.0));
                    String streams = new String(new URL(base, "v1/streams").openStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (streams.contains("\"srt\" : 1")) {
                        apiSrtReaders = 1;
                    }
                    if (mid.isEmpty() && now.getOrDefault("camelmedia_stream_uptime_seconds", 0.0) > 3.5) {
                        mid = now;
                        // an RTMP publish is an ingress of the API too
                        String ingress = new String(new URL(base, "v1/ingress").openStream().readAllBytes(), StandardCharsets.UTF_8);
                        assertTrue(ingress.contains("\"id\" : \"rtmp:live/metrics\"") && ingress.contains("\"type\" : \"rtmp\""), ingress);
                    }
                }
                Thread.sleep(100);
            }
            assertEquals(0, pub.await(10), pub.logTail());
            if (srtReader != null) {
                srtReader.close();
            }
            assertEquals(1.0, srtReaders, "the SRT viewer in the metrics");
            assertEquals(1, apiSrtReaders, "the SRT viewer in /v1/streams");
        }
        assertTrue(!mid.isEmpty(), "the stream's meters were scraped mid-stream");
        assertEquals(25, mid.get("camelmedia_stream_fps"), 3, "fps gauge of a 25 fps source");
        assertEquals(1.0, mid.get("camelmedia_stream_keyframe_interval_seconds"), 0.001, "1 s GOP");
        double bitrate = mid.get("camelmedia_stream_bitrate_bps");
        assertTrue(bitrate > 50_000 && bitrate < 5_000_000, "bitrate " + bitrate);
        assertTrue(mid.get("camelmedia_stream_bytes_in_total") > 0);
        // the last scrape before the stream ended (scraped every 100 ms): every frame sent but about the last second's
        double frames = last.get("camelmedia_stream_frames_in_total");
        assertTrue(frames <= sentFrames && frames >= sentFrames - 75, frames + " of " + sentFrames + " frames sent");
        assertTrue(last.get("camelmedia_stream_video_frames_in_total") >= 6 * 25 - 30);
        assertEquals(last.get("camelmedia_stream_frames_in_total"),
                last.get("camelmedia_stream_video_frames_in_total") + last.get("camelmedia_stream_audio_frames_in_total"));
        // the server's own figures
        Map<String, Double> server = scrape(metrics, null);
        assertTrue(server.get("camelmedia_rtmp_publishes_total") >= 1, server.toString());
        assertTrue(server.get("camelmedia_rtmp_connections_total") >= 1);
        assertTrue(server.get("camelmedia_rtmp_bytes_in_total") > Files.size(flv) * 0.9, "RTMP bytes in vs the file's size");
        assertTrue(server.containsKey("camelmedia_rtmp_rejected_total{handshake_truncated}"), server.keySet().toString());
        assertTrue(server.containsKey("camelmedia_webrtc_sessions"));
        // the transcode drop counter is there (its value counts every test of this app run, some faster than real time)
        assertTrue(server.get("camelmedia_transcode_dropped_frames_total") >= 0, server.toString());
        // ended streams leave the registry
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!scrape(metrics, "live/metrics").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "meters of an ended stream are removed");
            Thread.sleep(100);
        }
    }
}
