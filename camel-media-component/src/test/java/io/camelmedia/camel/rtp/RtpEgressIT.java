package io.camelmedia.camel.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.RecordingMediaListener;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Egress: the frames of a real H.264 + AAC FLV (openh264, ffmpeg's aac) go into an {@code rtp:} producer; the
 * bundled ffmpeg opens the SDP file we wrote and receives. The packets it gets equal the frames we sent (H.264 in
 * Annex B, the parameter sets our packetizer puts before key frames included), and decoding shows no error.
 */
class RtpEgressIT {
    @TempDir
    Path dir;

    @Test
    void ffmpegReceivesWhatWeSendThroughOurSdp() throws Exception {
        FlvSamples.Sample sample = FlvSamples.all().get(0);
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/egress", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        Map<String, Object> meta = new java.util.HashMap<>();
        FlvReader.read(sample.writeFlv(dir.resolve("in.flv")), assembler, (ts, body) -> assembler.metadata(meta));
        assembler.end("eof");
        StreamInfo info = rec.info();
        List<MediaFrame> frames = rec.frames();

        int port = RtpTesting.freeUdpPorts(4);
        Path sdp = dir.resolve("out.sdp");
        Path md5 = dir.resolve("received.md5");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "rtp://127.0.0.1:" + port + "?track=all&sdpFile=" + sdp;
            template.send(uri, exchange(camel, e -> MediaExchanges.started(e, info)));
            SessionDescription d = SessionDescription.parse(Files.readString(sdp));
            assertEquals(2, d.media().size(), d.encode());
            try (Ffmpeg.Running ff = Ffmpeg.start(dir.resolve("ffmpeg.log"), "-nostdin", "-v", "error",
                    "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                    "-map", "0", "-c", "copy", "-f", "framemd5", md5.toString(), "-map", "0", "-f", "null", "-")) {
                awaitBound(port);
                awaitBound(port + 2);
                long start = System.nanoTime();
                for (MediaFrame f : frames) {
                    // 4x real time: fast, and gentle on ffmpeg's socket buffer
                    long due = start + f.track().toMicros(f.pts()) * 1000 / 4;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    template.send(uri, exchange(camel, e -> MediaExchanges.frame(e, info.path(), f)));
                }
                template.send(uri, exchange(camel, e -> MediaExchanges.ended(e, info.path(), "eof", info)));   // BYE
                int code = ff.await(30);
                assertEquals(0, code, ff.logTail());
                String errors = ff.logTail().trim();
                assertTrue(errors.isEmpty(), "ffmpeg decodes what it received without errors: " + errors);
            }
        }
        FrameMd5 received = FrameMd5.parse(Files.readString(md5));
        int videoIndex = received.streamOf("video").orElseThrow().index();
        int audioIndex = received.streamOf("audio").orElseThrow().index();
        List<MediaFrame> video = frames.stream().filter(f -> f.track().codec() == Codec.H264).toList();
        List<MediaFrame> audio = frames.stream().filter(f -> f.track().codec() == Codec.AAC).toList();
        AvcDecoderConfigurationRecord avcc = AvcDecoderConfigurationRecord.decode(info.video().orElseThrow().config());
        // ffmpeg's rtpdec times a stream's packets before its first RTCP SR as "timestamp - first timestamp" and
        // later ones from the SR's NTP time (finalize_packet, with more than one stream): the first packet, read
        // before the SR on the other socket, may sit off that timeline. Timing is compared from the second packet.
        RtpTesting.assertRelativeMatch(received, videoIndex, video, f -> annexB(f, avcc), true, 1);
        RtpTesting.assertRelativeMatch(received, audioIndex, audio, MediaFrame::payloadBytes, false, 1);
    }

    /** What ffmpeg's H.264 depacketizer hands out: 4-byte start codes, SPS/PPS first on key frames (we add them). */
    private static byte[] annexB(MediaFrame f, AvcDecoderConfigurationRecord avcc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (f.keyframe()) {
            List<byte[]> sets = new ArrayList<>(avcc.sequenceParameterSets());
            sets.addAll(avcc.pictureParameterSets());
            for (byte[] s : sets) {
                out.writeBytes(new byte[] {0, 0, 0, 1});
                out.writeBytes(s);
            }
        }
        out.writeBytes(RtpTesting.startCodes(f));
        return out.toByteArray();
    }

    private static Exchange exchange(CamelContext camel, java.util.function.Consumer<Exchange> fill) {
        Exchange e = new DefaultExchange(camel);
        fill.accept(e);
        return e;
    }

    /** Waits until a UDP socket is bound to {@code port} (Linux /proc/net/udp; ffmpeg binds with SO_REUSEADDR). */
    private static void awaitBound(int port) throws Exception {
        String hex = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.readString(Path.of("/proc/net/udp")).contains(hex)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ffmpeg never bound UDP port " + port);
    }
}
