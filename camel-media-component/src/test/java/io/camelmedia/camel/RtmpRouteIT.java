package io.camelmedia.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * A real ffmpeg publish through a Camel route: the exchanges a user's route sees (STARTED with tracks,
 * frames with headers, ENDED last), in the Java DSL and in the YAML DSL, and media:annexb on the way.
 */
class RtmpRouteIT {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void publishH264Aac(int port, String key) throws Exception {
        Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2",
                "-c:v", "libopenh264", "-g", "25", "-c:a", "aac",
                "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/" + key).requireSuccess();
    }

    private static void awaitEnded(List<Exchange> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && seen.stream().noneMatch(
                e -> "ENDED".equals(e.getIn().getHeader(MediaHeaders.EVENT)))) {
            Thread.sleep(20);
        }
    }

    @Test
    void javaDslRouteSeesTheStreamLifeAndAnnexbConverts() throws Exception {
        int port = freePort();
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + port + "/live").to("media:annexb")
                            .process(e -> {
                                if (e.getIn().getBody() instanceof MediaFrame) {
                                    // the generated type converter: MediaFrame -> byte[] (its payload)
                                    e.getIn().setHeader("bytes", e.getIn().getBody(byte[].class));
                                }
                                seen.add(e.copy());
                            });
                }
            });
            camel.start();
            publishH264Aac(port, "java");
            awaitEnded(seen);
        }
        assertEquals("STARTED", seen.get(0).getIn().getHeader(MediaHeaders.EVENT));
        StreamInfo info = assertInstanceOf(StreamInfo.class, seen.get(0).getIn().getBody());
        assertEquals("live/java", info.path());
        assertEquals(Codec.H264, info.video().orElseThrow().codec());
        assertEquals(320, info.video().orElseThrow().width());
        assertEquals(Codec.AAC, info.audio().orElseThrow().codec());
        assertEquals(44100, info.audio().orElseThrow().sampleRate());
        assertEquals("ENDED", seen.get(seen.size() - 1).getIn().getHeader(MediaHeaders.EVENT));

        List<Exchange> video = seen.stream().filter(e -> "H264".equals(e.getIn().getHeader(MediaHeaders.CODEC))).toList();
        assertEquals(50, video.size(), "2 s at 25 fps");
        for (Exchange e : video) {
            MediaFrame f = e.getIn().getBody(MediaFrame.class);
            assertEquals(BitstreamFormat.ANNEX_B, f.format(), "media:annexb converted");
            assertEquals("live/java", e.getIn().getHeader(MediaHeaders.STREAM));
            assertEquals(f.pts(), e.getIn().getHeader(MediaHeaders.PTS));
            assertEquals(90_000, e.getIn().getHeader(MediaHeaders.CLOCK_RATE));
            assertArrayEquals(f.payloadBytes(), e.getIn().getHeader("bytes", byte[].class), "MediaFrame -> byte[]");
        }
        assertTrue((Boolean) video.get(0).getIn().getHeader(MediaHeaders.KEYFRAME));
        long audio = seen.stream().filter(e -> "AAC".equals(e.getIn().getHeader(MediaHeaders.CODEC))).count();
        assertTrue(audio >= 85 && audio <= 88, "2 s of 1024-sample AAC frames at 44.1 kHz: " + audio);
    }

    @Test
    void yamlRouteLoadsAndRuns() throws Exception {
        int port = freePort();
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("collect", (org.apache.camel.Processor) e -> seen.add(e.copy()));
            camel.getPropertiesComponent().addInitialProperty(MediaAuth.PUBLISH, "live/cam1=yamlkey");
            String yaml = """
                    - route:
                        id: yaml-rtmp
                        from:
                          uri: "rtmp://127.0.0.1:%d/live"
                          steps:
                            - process:
                                ref: collect
                    """.formatted(port);
            Resource resource = ResourceHelper.fromString("memory-rtmp.yaml", yaml);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            camel.start();
            publishH264Aac(port, "yamlkey");
            awaitEnded(seen);
            Ffmpeg.Result refused = Ffmpeg.run(60, "-nostdin", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libopenh264",
                    "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/wrongkey");
            assertTrue(refused.exitCode() != 0, "an unknown key is refused");
        }
        // OBS style (the stream key as the name): served at the path the key's rule names, never at live/<key>
        assertEquals("live/cam1", seen.get(0).getIn().getHeader(MediaHeaders.STREAM));
        assertEquals("STARTED", seen.get(0).getIn().getHeader(MediaHeaders.EVENT));
        assertTrue(seen.stream().noneMatch(e -> String.valueOf(e.getIn().getHeader(MediaHeaders.STREAM)).contains("key")));
    }
}
