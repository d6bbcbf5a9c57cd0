package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.webrtc.WebRtcTesting;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.DecodedMd5;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MPEG-TS over plain UDP through camel-netty with the bundled ffmpeg 8 on the other side: ffmpeg's
 * {@code -f mpegts udp://} into {@code media:demux} gives the source's frames; {@code media:remux?packetSize=1316}
 * split into {@code netty:udp} is read back by ffmpeg as the same pictures and sound.
 */
class UdpTsRouteIT {
    @TempDir
    static Path dir;
    static Path source;

    @BeforeAll
    static void sources() throws Exception {
        source = Ffmpeg.h264AacTs(dir.resolve("h264-aac.ts"));
    }

    /** A route's stream exchanges; counts down when the stream has ended. */
    static final class Seen {
        final List<Exchange> all = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        void add(Exchange e) {
            all.add(e.copy());
            if ("ENDED".equals(e.getIn().getHeader(MediaHeaders.EVENT))) {
                ended.countDown();
            }
        }

        List<Exchange> of(String event) {
            return all.stream().filter(e -> event.equals(e.getIn().getHeader(MediaHeaders.EVENT))).toList();
        }

        List<MediaFrame> frames(MediaType type) {
            return of("FRAME").stream().map(e -> e.getIn().getBody(MediaFrame.class))
                    .filter(f -> f.track().mediaType() == type).toList();
        }
    }

    static void send(Path ts, int port) throws Exception {
        try (Ffmpeg.Running pub = Ffmpeg.start(dir.resolve("send.log"), "-re", "-i", ts.toString(), "-c", "copy",
                "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316")) {
            assertEquals(0, pub.await(30), pub.logTail());
        }
    }

    @Test
    void ffmpegUdpIntoDemuxGivesTheSourceFrames() throws Exception {
        int port = WebRtcTesting.freeUdpPort();
        Seen seen = new Seen();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:frames").process(seen::add);
                    from("netty:udp://127.0.0.1:" + port + "?sync=false&udpByteArrayCodec=true&receiveBufferSize=4194304")
                            .to("media:demux?format=mpegts&stream=live/udp&output=direct:frames&inactivityTimeout=1s");
                }
            });
            camel.start();
            send(source, port);
            assertTrue(seen.ended.await(10, TimeUnit.SECONDS), "no ENDED after the sender stopped");
        }
        assertEquals(1, seen.of("STARTED").size());
        StreamInfo info = assertInstanceOf(StreamInfo.class, seen.of("STARTED").get(0).getIn().getBody());
        assertEquals("live/udp", info.path());
        assertEquals(Codec.H264, info.video().orElseThrow().codec());
        assertEquals(320, info.video().get().width());
        assertEquals(240, info.video().get().height());
        assertEquals(Codec.AAC, info.audio().orElseThrow().codec());
        assertEquals(48000, info.audio().get().sampleRate());
        Exchange ended = seen.of("ENDED").get(0);
        assertEquals("no data for 1000 ms", ended.getIn().getHeader(MediaHeaders.REASON));
        assertEquals(info, ended.getIn().getBody());

        FrameMd5 reference = FrameMd5.ofPackets(source, "-bsf:a", "aac_adtstoasc");
        // ffmpeg's UDP output moves the time stamps by a constant: compare to each stream's first
        List<FrameMd5.Packet> video = reference.packets(reference.streamOf("video").orElseThrow().index());
        List<MediaFrame> ours = seen.frames(MediaType.VIDEO);
        assertEquals(video.size(), ours.size(), "video frames");
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(video.get(i).pts() - video.get(0).pts(), ours.get(i).pts() - ours.get(0).pts(), "video pts " + i);
            assertEquals(video.get(i).keyframe(), ours.get(i).keyframe(), "key flag " + i);
        }
        List<FrameMd5.Packet> audio = reference.packets(reference.streamOf("audio").orElseThrow().index());
        List<MediaFrame> sound = seen.frames(MediaType.AUDIO);
        assertEquals(audio.size(), sound.size(), "audio frames");
        for (int i = 0; i < sound.size(); i++) {
            assertEquals(audio.get(i).size(), sound.get(i).payloadLength(), "audio size " + i);
            assertEquals(audio.get(i).md5(), FrameMd5Comparator.md5(sound.get(i).payloadBytes()), "audio payload " + i);
        }
    }

    @Test
    void remuxPacketizedToNettyUdpPlaysInFfmpeg() throws Exception {
        int in = WebRtcTesting.freeUdpPort();
        int out = WebRtcTesting.freeUdpPort();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        Path back = dir.resolve("back.ts");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:frames").to("media:remux?format=mpegts&packetSize=1316")
                            .split(body()).process(e -> sizes.add(e.getIn().getBody(byte[].class).length))
                            .to("netty:udp://127.0.0.1:" + out + "?sync=false&udpByteArrayCodec=true");
                    from("netty:udp://127.0.0.1:" + in + "?sync=false&udpByteArrayCodec=true")
                            .to("media:demux?stream=live/udp&output=direct:frames");
                }
            });
            camel.start();
            try (Ffmpeg.Running read = Ffmpeg.start(dir.resolve("read.log"), "-i", "udp://127.0.0.1:" + out
                    + "?timeout=3000000", "-c", "copy", "-f", "mpegts", "-y", back.toString())) {
                Thread.sleep(500); // the reader binds its port
                send(source, in);
                read.await(30);
                assertTrue(back.toFile().length() > 0, read.logTail());
            }
        }
        assertTrue(sizes.size() > 100, "datagrams: " + sizes.size());
        assertTrue(sizes.stream().allMatch(s -> s <= 1316 && s % 188 == 0), "datagram sizes " + sizes);
        DecodedMd5.assertRunOf(DecodedMd5.of(source.toString(), "0:v"), DecodedMd5.of(back.toString(), "0:v"), 0, 75,
                "video over UDP");
        DecodedMd5.assertRunOf(DecodedMd5.of(source.toString(), "0:a"), DecodedMd5.of(back.toString(), "0:a"), 2, 150,
                "audio over UDP");
    }
}
