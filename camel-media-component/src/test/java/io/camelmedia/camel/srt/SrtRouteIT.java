package io.camelmedia.camel.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaAuth;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * srt: in routes with the bundled ffmpeg 8 (libsrt) on the other side: publish to our listener and read back
 * through it ({@code read:}), pull from an ffmpeg listener and push to one, clear and with AES. What comes back
 * decodes to the same pictures and sound as what ffmpeg sent.
 */
class SrtRouteIT {
    @TempDir
    static Path dir;
    static Path h264Aac;
    static Path h265Opus;

    @BeforeAll
    static void sources() throws Exception {
        h264Aac = Ffmpeg.h264AacTs(dir.resolve("h264-aac.ts"));
        h265Opus = dir.resolve("h265-opus.ts");
        Path hevc = Path.of(SrtRouteIT.class.getResource("/flv/hevc-aac-320x240-25fps.mp4").toURI());
        Ffmpeg.run(120, "-i", hevc.toString(), "-c:v", "copy", "-c:a", "libopus", "-ar", "48000", "-f", "mpegts",
                h265Opus.toString()).requireSuccess();
    }

    /** Collects a route's exchanges; counts down when a stream has ended. */
    static final class Seen {
        final List<Exchange> all = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);

        void add(Exchange e) {
            all.add(e.copy());
            String ev = e.getIn().getHeader(MediaHeaders.EVENT, String.class);
            if ("STARTED".equals(ev)) {
                started.countDown();
            } else if ("ENDED".equals(ev)) {
                ended.countDown();
            }
        }

        StreamInfo info() {
            return assertInstanceOf(StreamInfo.class, all.stream()
                    .filter(e -> "STARTED".equals(e.getIn().getHeader(MediaHeaders.EVENT))).findFirst().orElseThrow()
                    .getIn().getBody());
        }

        long frames() {
            return all.stream().filter(e -> "FRAME".equals(e.getIn().getHeader(MediaHeaders.EVENT))).count();
        }
    }

    @Test
    void publishThenReadBackThroughTheSamePort() throws Exception {
        for (Path source : List.of(h264Aac, h265Opus)) {
            Seen seen = new Seen();
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("srt://127.0.0.1:0?mode=listener").process(seen::add).to("srt://127.0.0.1:0?mode=listener");
                    }
                });
                camel.start();
                int port = ((SrtConsumer) camel.getRoutes().get(0).getConsumer()).port();
                try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("pub.log"), "-re", "-i", source.toString(), "-c", "copy",
                        "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:live/cam")) {
                    assertTrue(seen.started.await(20, TimeUnit.SECONDS), pub.logTail());
                    Path back = dir.resolve("back.ts");
                    try (Ffmpeg.Running read = Ffmpeg.start(dir.resolve("read.log"), "-i", "srt://127.0.0.1:" + port
                            + "?streamid=read:live/cam", "-c", "copy", "-f", "mpegts", "-y", back.toString())) {
                        assertEquals(0, pub.await(30), pub.logTail());
                        assertEquals(0, read.await(30), read.logTail());
                    }
                    assertTrue(seen.ended.await(10, TimeUnit.SECONDS));
                    StreamInfo info = seen.info();
                    assertEquals("live/cam", info.path());
                    boolean hevc = source == h265Opus;
                    assertEquals(hevc ? Codec.H265 : Codec.H264, info.video().orElseThrow().codec(), info.describe());
                    assertEquals(hevc ? Codec.OPUS : Codec.AAC, info.audio().orElseThrow().codec(), info.describe());
                    assertEquals(320, info.video().get().width());
                    DecodedMd5.assertRunOf(DecodedMd5.of(source.toString(), "0:v"), DecodedMd5.of(back.toString(), "0:v"), 0, 40,
                            source.getFileName() + " video read back");
                    DecodedMd5.assertRunOf(DecodedMd5.of(source.toString(), "0:a"), DecodedMd5.of(back.toString(), "0:a"), 2, 40,
                            source.getFileName() + " audio read back");
                }
            }
        }
    }

    /** Our caller pulls from an ffmpeg listener (AES-256); the stream is read back through our listener. */
    @Test
    void callerPullsFromAnFfmpegListener() throws Exception {
        int remote = freeUdpPort();
        String pass = "0123456789abcdef";
        Seen seen = new Seen();
        try (Ffmpeg.Running src = Ffmpeg.start(dir.resolve("src-listener.log"), "-re", "-i", h264Aac.toString(), "-c", "copy",
                "-f", "mpegts", "srt://127.0.0.1:" + remote + "?mode=listener&passphrase=" + pass + "&pbkeylen=32");
             CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("srt://127.0.0.1:" + remote + "?mode=caller&path=live/pulled&passphrase=" + pass + "&pbkeylen=32"
                            + "&reconnectDelay=200").process(seen::add).to("srt://127.0.0.1:0?mode=listener");
                }
            });
            camel.start();
            int port = ((SrtComponent) camel.getComponent("srt")).boundPort("127.0.0.1", 0);
            assertTrue(seen.started.await(20, TimeUnit.SECONDS), src.logTail());
            assertEquals("live/pulled", seen.info().path());
            Path back = dir.resolve("pulled-back.ts");
            try (Ffmpeg.Running read = Ffmpeg.start(dir.resolve("pulled-read.log"), "-i", "srt://127.0.0.1:" + port
                    + "?streamid=read:live/pulled", "-c", "copy", "-f", "mpegts", "-y", back.toString())) {
                assertEquals(0, src.await(30), src.logTail());
                assertEquals(0, read.await(30), read.logTail());
            }
            DecodedMd5.assertRunOf(DecodedMd5.of(h264Aac.toString(), "0:v"), DecodedMd5.of(back.toString(), "0:v"), 0, 40, "pulled video");
        }
    }

    /** ffmpeg publishes to our listener, the route pushes it with our caller to an ffmpeg listener. */
    @Test
    void callerPushesToAnFfmpegListener() throws Exception {
        int remote = freeUdpPort();
        Path out = dir.resolve("pushed.ts");
        Seen seen = new Seen();
        try (Ffmpeg.Running sink = Ffmpeg.start(dir.resolve("sink.log"), "-i", "srt://127.0.0.1:" + remote + "?mode=listener",
                "-c", "copy", "-f", "mpegts", "-y", out.toString());
             CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("srt://127.0.0.1:0?mode=listener").process(seen::add)
                            .to("srt://127.0.0.1:" + remote + "?mode=caller&reconnectDelay=200");
                }
            });
            camel.start();
            int port = ((SrtConsumer) camel.getRoutes().get(0).getConsumer()).port();
            try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("push-pub.log"), "-re", "-i", h265Opus.toString(), "-c", "copy",
                    "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:live/pushed")) {
                assertEquals(0, pub.await(30), pub.logTail());
                assertTrue(seen.ended.await(10, TimeUnit.SECONDS));
            }
            camel.stop();   // stopping the producer closes the push connection: the sink ends
            assertEquals(0, sink.await(30), sink.logTail());
        }
        DecodedMd5.assertRunOf(DecodedMd5.of(h265Opus.toString(), "0:v"), DecodedMd5.of(out.toString(), "0:v"), 0, 40, "pushed video");
        DecodedMd5.assertRunOf(DecodedMd5.of(h265Opus.toString(), "0:a"), DecodedMd5.of(out.toString(), "0:a"), 2, 40, "pushed audio");
    }

    /**
     * With publish keys per path, a stream id without the key, or with the key of another path, is refused at the
     * handshake; one with its path's key publishes.
     */
    @Test
    void publishKeysAreCheckedAtTheHandshake() throws Exception {
        Seen seen = new Seen();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().addInitialProperty(MediaAuth.PUBLISH, "live/k=s3cret, live/other=0ther");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("srt://127.0.0.1:0?mode=listener").process(seen::add);
                }
            });
            camel.start();
            int port = ((SrtConsumer) camel.getRoutes().get(0).getConsumer()).port();
            Ffmpeg.Result refused = Ffmpeg.run(30, "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "0.5",
                    "-c:v", "libopenh264", "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:live/k");
            assertTrue(refused.exitCode() != 0, refused.stderr());
            assertTrue(refused.stderr().contains("401"), refused.stderr());
            Ffmpeg.Result otherKey = Ffmpeg.run(30, "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "0.5",
                    "-c:v", "libopenh264", "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:live/k:cam:0ther");
            assertTrue(otherKey.exitCode() != 0, "the key of live/other does not open live/k: " + otherKey.stderr());
            assertEquals(2, MediaAuth.of(camel).failures().count("srt", io.camelmedia.hub.AuthAction.PUBLISH));
            Ffmpeg.run(30, "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "0.5",
                    "-c:v", "libopenh264", "-f", "mpegts", "srt://127.0.0.1:" + port + "?streamid=publish:live/k:cam:s3cret")
                    .requireSuccess();
            assertTrue(seen.started.await(10, TimeUnit.SECONDS));
            assertEquals("live/k", seen.info().path());
        }
    }

    static int freeUdpPort() throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
