package io.camelmedia.camel.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's two commands (libopenh264 instead of libx264), unchanged otherwise, into ONE stream through Camel
 * routes: video on one port, Opus on another, both with {@code stream=live/rtp}. One STARTED with two tracks;
 * every frame equals what ffmpeg sent, packet for packet (timestamps relative to the first frame).
 */
class RtpIngestIT {
    @TempDir
    Path dir;

    @Test
    void seedCommandsBecomeOneStreamFrameForFrame() throws Exception {
        Path mp4 = dir.resolve("test.mp4");
        Path webm = dir.resolve("test.webm");
        Ffmpeg.run(60, "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
                "-c:v", "libopenh264", "-g", "25", mp4.toString()).requireSuccess();
        Ffmpeg.run(60, "-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
                "-c:a", "libopus", webm.toString()).requireSuccess();
        // what the seed's video command sends: the same (deterministic) openh264 encode as raw Annex B (no global
        // header, so SPS/PPS stay in band exactly as the rtp muxer gets them)
        Path sentVideo = dir.resolve("sent.h264");
        Ffmpeg.run(60, "-y", "-v", "error", "-i", mp4.toString(), "-an", "-c:v", "libopenh264", "-g", "30",
                "-bsf:v", "h264_mp4toannexb", "-f", "h264", sentVideo.toString()).requireSuccess();

        int video = RtpTesting.freeUdpPorts(2);
        int audio = RtpTesting.freeUdpPorts(2);
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtp://127.0.0.1:" + video + "?payloadType=127&codec=h264&stream=live/rtp").process(e -> seen.add(e.copy()));
                    from("rtp://127.0.0.1:" + audio + "?payloadType=96&codec=opus&stream=live/rtp").process(e -> seen.add(e.copy()));
                }
            });
            camel.start();
            try (Ffmpeg.Running v = Ffmpeg.start(dir.resolve("video.log"), "-nostdin", "-re", "-i", mp4.toString(), "-an",
                    "-c:v", "libopenh264", "-g", "30", "-bsf:v", "h264_mp4toannexb", "-payload_type", "127",
                    "-f", "rtp", "rtp://127.0.0.1:" + video);
                 Ffmpeg.Running a = Ffmpeg.start(dir.resolve("audio.log"), "-nostdin", "-re", "-i", webm.toString(), "-vn",
                    "-c:a", "copy", "-payload_type", "96", "-f", "rtp", "rtp://127.0.0.1:" + audio)) {
                int vc = v.await(60);
                int ac = a.await(60);
                assertEquals(0, vc, v.logTail());
                assertEquals(0, ac, a.logTail());
            }
            awaitQuiet(seen);
        }   // stopping the routes ends the stream
        List<Exchange> started = seen.stream().filter(e -> "STARTED".equals(e.getIn().getHeader(MediaHeaders.EVENT))).toList();
        assertEquals(1, started.size(), "one STARTED for the two inputs");
        StreamInfo info = assertInstanceOf(StreamInfo.class, started.get(0).getIn().getBody());
        assertEquals("live/rtp", info.path());
        assertEquals(2, info.tracks().size(), info.toString());
        assertEquals(Codec.H264, info.tracks().get(0).codec());
        assertEquals(320, info.tracks().get(0).width());
        assertEquals(240, info.tracks().get(0).height());
        assertEquals(Codec.OPUS, info.tracks().get(1).codec());
        assertEquals("STARTED", seen.get(0).getIn().getHeader(MediaHeaders.EVENT));
        assertEquals("ENDED", seen.get(seen.size() - 1).getIn().getHeader(MediaHeaders.EVENT));

        List<MediaFrame> frames = seen.stream().map(e -> e.getIn().getBody()).filter(MediaFrame.class::isInstance)
                .map(MediaFrame.class::cast).toList();
        List<MediaFrame> videoFrames = frames.stream().filter(f -> f.track().id() == 1).toList();
        List<MediaFrame> audioFrames = frames.stream().filter(f -> f.track().id() == 2).toList();
        // the access unit as received (parameter sets in band, put there by the sender's h264_mp4toannexb)
        RtpTesting.assertRelativeMatch(FrameMd5.ofPackets(sentVideo), 0, videoFrames, RtpTesting::startCodes, true);
        RtpTesting.assertRelativeMatch(FrameMd5.ofPackets(webm), 0, audioFrames, MediaFrame::payloadBytes, false);
        // both senders started together: their first frames sit close on the common timeline (RTCP SR / arrival)
        long videoStartMs = videoFrames.get(0).pts() / 90;
        long audioStartMs = audioFrames.get(0).pts() / 48;
        assertTrue(Math.abs(videoStartMs - audioStartMs) < 1000, "video at " + videoStartMs + " ms, audio at " + audioStartMs + " ms");
    }

    /** Waits until no exchange arrived for 500 ms (the senders have exited; the reorder buffer drains in 100 ms). */
    static void awaitQuiet(List<Exchange> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = -1;
        while (System.nanoTime() < deadline && seen.size() != last) {
            last = seen.size();
            Thread.sleep(500);
        }
    }
}
