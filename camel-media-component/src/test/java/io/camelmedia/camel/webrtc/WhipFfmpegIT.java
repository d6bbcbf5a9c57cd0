package io.camelmedia.camel.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.rtp.RtpTesting;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled ffmpeg 8 publishes H.264 + Opus with its WHIP muxer ({@code -f whip}) to a {@code whip:} route: ICE
 * (ffmpeg's checks against our ICE-lite port), DTLS (ffmpeg offers setup and we take the other role), SRTP, then
 * every frame it sent arrives as one exchange, byte for byte, with its timing.
 */
class WhipFfmpegIT {
    @TempDir
    Path dir;

    @Test
    void ffmpegWhipPublishArrivesFrameForFrame() throws Exception {
        Path src = dir.resolve("src.mkv");
        Ffmpeg.run(60, "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:v", "libopenh264", "-g", "25",
                "-c:a", "libopus", "-ac", "2", src.toString()).requireSuccess();

        int http = WebRtcTesting.freeTcpPort();
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = WebRtcTesting.context(http)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("whip:test").process(e -> seen.add(e.copy()));
                }
            });
            camel.start();
            try (Ffmpeg.Running f = Ffmpeg.start(dir.resolve("whip.log"), "-nostdin", "-re", "-i", src.toString(),
                    "-c", "copy", "-f", "whip", "http://127.0.0.1:" + http + "/whip/live/ff")) {
                int rc = f.await(60);
                assertEquals(0, rc, f.logTail());
            }
            awaitEnded(seen);
        }
        List<Exchange> started = seen.stream().filter(e -> "STARTED".equals(e.getIn().getHeader(MediaHeaders.EVENT))).toList();
        assertEquals(1, started.size(), "one STARTED: " + seen.size() + " exchanges");
        StreamInfo info = assertInstanceOf(StreamInfo.class, started.get(0).getIn().getBody());
        assertEquals("live/ff", info.path());
        assertEquals(2, info.tracks().size(), info.toString());
        // tracks are numbered in the offer's m-line order (ffmpeg offers audio first)
        Track videoTrack = info.video().orElseThrow();
        Track audioTrack = info.audio().orElseThrow();
        assertEquals(Codec.H264, videoTrack.codec());
        assertEquals(320, videoTrack.width());
        assertEquals(Codec.OPUS, audioTrack.codec());
        assertEquals("ENDED", seen.get(seen.size() - 1).getIn().getHeader(MediaHeaders.EVENT));

        List<MediaFrame> frames = seen.stream().map(e -> e.getIn().getBody()).filter(MediaFrame.class::isInstance)
                .map(MediaFrame.class::cast).toList();
        List<MediaFrame> video = frames.stream().filter(x -> x.track().id() == videoTrack.id()).toList();
        List<MediaFrame> audio = frames.stream().filter(x -> x.track().id() == audioTrack.id()).toList();
        // ffmpeg's WHIP muxer puts SPS/PPS in front of every key frame (the Matroska packets keep them in the
        // track's extradata): without them, every access unit is the file's packet byte for byte
        FrameMd5 sent = FrameMd5.ofPackets(src);
        RtpTesting.assertRelativeMatch(sent, 0, video, WhipFfmpegIT::withoutParameterSets, true);
        RtpTesting.assertRelativeMatch(sent, 1, audio, MediaFrame::payloadBytes, false);
    }

    /** A WHIP publish plays as LL-HLS (fMP4 H.264 + Opus): ffprobe reads both streams from our playlist. */
    @Test
    void ffmpegWhipPublishIsServedAsLowLatencyHls() throws Exception {
        int http = WebRtcTesting.freeTcpPort();
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (CamelContext camel = WebRtcTesting.context(http)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("whip:test").process(e -> seen.add(e.copy())).to("hls:live?lowLatency=true&segmentDuration=1s");
                }
            });
            camel.start();
            try (Ffmpeg.Running f = Ffmpeg.start(dir.resolve("whip.log"), "-nostdin", "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
                    "-c:v", "libopenh264", "-g", "25", "-c:a", "libopus", "-ac", "2", "-f", "whip",
                    "http://127.0.0.1:" + http + "/whip/live/hls")) {
                assertEquals(0, f.await(60), f.logTail());
            }
            awaitEnded(seen);
            String base = "http://127.0.0.1:" + http + "/hls/live/hls/";
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String media = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "media.m3u8")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(media.contains("#EXT-X-MAP:URI=") && media.contains("#EXT-X-PART:") && media.contains("#EXT-X-ENDLIST"), media);
            Ffmpeg.Result probe = Ffmpeg.probe(60, "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                    base + "index.m3u8").requireSuccess();
            assertTrue(probe.stdout().contains("h264") && probe.stdout().contains("opus"), probe.stdout() + probe.stderr());
        }
    }

    /** The AVCC payload without its SPS (7) and PPS (8) NAL units. */
    static byte[] withoutParameterSets(MediaFrame f) {
        byte[] b = f.payloadBytes();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length);
        int pos = 0;
        while (pos + 4 <= b.length) {
            int len = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            int type = b[pos + 4] & 0x1F;
            if (type != 7 && type != 8) {
                out.write(b, pos, 4 + len);
            }
            pos += 4 + len;
        }
        return out.toByteArray();
    }

    /** Waits for ENDED (ffmpeg's DTLS close or the end of its packets), at most 20 s. */
    static void awaitEnded(List<Exchange> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline
                && seen.stream().noneMatch(e -> "ENDED".equals(e.getIn().getHeader(MediaHeaders.EVENT)))) {
            Thread.sleep(100);
        }
    }
}
