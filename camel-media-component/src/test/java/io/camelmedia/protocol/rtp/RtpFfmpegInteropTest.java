package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.sdp.MediaDescription;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real peer: the bundled ffmpeg sends RTP ({@code -f rtp}, SDP via {@code -sdp_file}) from a file made by
 * a real encoder; a plain UDP socket collects the datagrams; our SDP parser, reorder buffer and depacketizer
 * turn them into frames; the frames must equal the file's packets (ffmpeg's framemd5): count, timestamps
 * relative to the first, payload MD5.
 */
class RtpFfmpegInteropTest {
    private static final String HEVC_SAMPLE = "src/test/resources/flv/hevc-aac-320x240-25fps.mp4";

    @TempDir
    Path dir;

    @Test
    void h264FromOpenh264MatchesSourcePacketForPacket() throws Exception {
        Path src = encode("h264.mp4", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=25", "-t", "2",
                "-c:v", "libopenh264", "-b:v", "3M", "-g", "25", "-pix_fmt", "yuv420p");
        Received r = send(src, "0:v");
        MediaDescription m = r.sdp.media("video").get(0);
        assertEquals("H264", m.rtpMap(96).orElseThrow().encodingName());
        assertTrue(r.packets.size() > 100, "a 3 Mb/s key frame spans many FU-A packets: " + r.packets.size());
        List<DepacketizedFrame> frames = depacketize(r);
        assertTrue(frames.get(0).keyframe());
        assertFramesMatch(FrameMd5.ofPackets(src), frames, 90_000);
    }

    @Test
    void h265StreamCopyOfX265SampleMatchesSourcePacketForPacket() throws Exception {
        Path src = Path.of(HEVC_SAMPLE).toAbsolutePath();
        Received r = send(src, "0:v");
        MediaDescription m = r.sdp.media("video").get(0);
        int pt = m.payloadTypes().get(0);
        Track track = PayloadFormats.track(1, m.rtpMap(pt).orElseThrow(), m.fmtp(pt).orElseThrow());
        assertTrue(track.hasConfig(), "hvcC from sprop-vps/sps/pps");
        List<DepacketizedFrame> frames = depacketize(r);
        assertFramesMatch(FrameMd5.ofPackets(videoOnly(src)), frames, 90_000);
    }

    @Test
    void opusFromLibopusMatchesSourcePacketForPacket() throws Exception {
        Path src = encode("opus.mkv", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
                "-c:a", "libopus", "-b:a", "64k");
        Received r = send(src, "0:a");
        assertEquals("opus", r.sdp.media("audio").get(0).rtpMap(97).orElseThrow().encodingName());
        assertFramesMatch(FrameMd5.ofPackets(src), depacketize(r), 48_000);
    }

    @Test
    void aacMpeg4GenericMatchesSourcePacketForPacket() throws Exception {
        Path src = encode("aac.m4a", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
                "-c:a", "aac", "-b:a", "96k");
        Received r = send(src, "0:a");
        MediaDescription m = r.sdp.media("audio").get(0);
        RtpMap map = m.rtpMap(97).orElseThrow();
        assertEquals("MPEG4-GENERIC", map.encodingNameUpper());
        Track track = PayloadFormats.track(2, map, m.fmtp(97).orElseThrow());
        FrameMd5 ref = FrameMd5.ofPackets(src);
        FrameMd5Comparator.assertConfigMatches(ref, 0, track);
        List<DepacketizedFrame> frames = depacketize(r);
        assertTrue(frames.size() > r.packets.size(), "ffmpeg puts several AUs in one packet");
        // ffmpeg's rtpenc_aac.c sends its buffered AUs when the next one arrives and never flushes the
        // last batch at the end (at most max_frames_per_packet, 5): those few never reach the wire
        assertFramesMatch(ref, frames, 48_000, 5);
    }

    @Test
    void pcmuSamplesArriveWholeAndContiguous() throws Exception {
        assertG711("pcm_mulaw", "PCMU", 0);
    }

    @Test
    void pcmaSamplesArriveWholeAndContiguous() throws Exception {
        assertG711("pcm_alaw", "PCMA", 8);
    }

    private void assertG711(String encoder, String name, int pt) throws Exception {
        Path src = encode(encoder + ".wav", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "2",
                "-ac", "1", "-c:a", encoder);
        Received r = send(src, "0:a");
        MediaDescription m = r.sdp.media("audio").get(0);
        assertEquals(List.of(pt), m.payloadTypes());
        assertEquals(name, m.rtpMap(pt).orElseThrow().encodingName(), "static payload type, no rtpmap line");
        List<DepacketizedFrame> frames = depacketize(r);
        // ffmpeg cuts the samples into packets its own way: compare the sample stream and its timing
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        long expectedTs = frames.get(0).rtpTimestamp();
        for (DepacketizedFrame f : frames) {
            assertEquals(expectedTs, f.rtpTimestamp(), "one 8 kHz tick per G.711 sample");
            expectedTs = (expectedTs + f.payload().length) & 0xFFFF_FFFFL;
            ours.write(f.payload());
        }
        Path raw = dir.resolve(encoder + ".raw");
        Ffmpeg.run(60, "-y", "-i", src.toString(), "-map", "0:a", "-c", "copy", "-f", "data", raw.toString()).requireSuccess();
        byte[] reference = Files.readAllBytes(raw);
        assertEquals(16_000, reference.length);
        assertEquals(FrameMd5Comparator.md5(reference), FrameMd5Comparator.md5(ours.toByteArray()));
    }

    // --- helpers ---

    record Received(SessionDescription sdp, List<byte[]> packets) {
    }

    private Path encode(String name, String... args) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("-y"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Ffmpeg.run(120, cmd.toArray(String[]::new)).requireSuccess();
        return out;
    }

    private Path videoOnly(Path src) throws Exception {
        Path out = dir.resolve("video-only.mp4");
        Ffmpeg.run(60, "-y", "-i", src.toString(), "-map", "0:v", "-c", "copy", out.toString()).requireSuccess();
        return out;
    }

    /** ffmpeg stream-copies {@code map} of {@code src} to RTP on a free port, at full speed, MTU 1200. */
    private Received send(Path src, String map) throws Exception {
        Path sdpFile = dir.resolve("out.sdp");
        try (UdpCapture capture = new UdpCapture()) {
            Ffmpeg.run(120, "-y", "-i", src.toString(), "-map", map, "-c", "copy", "-pkt_size", "1200",
                    "-f", "rtp", "-sdp_file", sdpFile.toString(), "rtp://127.0.0.1:" + capture.port()).requireSuccess();
            List<byte[]> packets = new ArrayList<>();
            for (byte[] d : capture.drain()) {
                if (d.length >= 2 && (d[1] & 0xFF) >= 200 && (d[1] & 0xFF) <= 204) {
                    continue;   // RTCP on the RTP port would be a muxing error; ffmpeg sends it to port+1
                }
                packets.add(d);
            }
            return new Received(SessionDescription.parse(Files.readString(sdpFile)), packets);
        }
    }

    /** Datagrams -> RtpPacket -> ReorderBuffer -> the depacketizer the SDP asks for. */
    private static List<DepacketizedFrame> depacketize(Received r) {
        MediaDescription m = r.sdp.media().get(0);
        int pt = m.payloadTypes().get(0);
        Depacketizer d = PayloadFormats.depacketizer(m.rtpMap(pt).orElseThrow(), m.fmtp(pt).orElse(null),
                Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> frames = new ArrayList<>();
        ReorderBuffer reorder = new ReorderBuffer();
        ReorderBuffer.Sink sink = new ReorderBuffer.Sink() {
            @Override
            public void packet(RtpPacket packet) {
                assertEquals(pt, packet.payloadType());
                frames.addAll(d.push(packet));
            }

            @Override
            public void lost(int count) {
                d.lost(count);
            }

            @Override
            public void discontinuity(long previousSsrc, long ssrc) {
                throw new AssertionError("one SSRC expected");
            }
        };
        for (byte[] datagram : r.packets) {
            reorder.push(RtpPacket.decode(datagram), 0, sink);
        }
        reorder.flush(sink);
        assertEquals(0, reorder.lost(), "loopback loses nothing: " + reorder);
        assertEquals(0, d.stats().dropped(), d.stats().toString());
        return frames;
    }

    /** Count, timestamps relative to the first (in the reference timebase) and payload MD5, frame by frame. */
    private static void assertFramesMatch(FrameMd5 ref, List<DepacketizedFrame> frames, int clockRate) {
        assertFramesMatch(ref, frames, clockRate, 0);
    }

    /** As above; the sender may have left up to {@code unsentTail} packets at the end unsent. */
    private static void assertFramesMatch(FrameMd5 ref, List<DepacketizedFrame> frames, int clockRate, int unsentTail) {
        List<FrameMd5.Packet> all = ref.packets(0);
        FrameMd5.StreamHeader h = ref.stream(0);
        assertTrue(frames.size() <= all.size() && frames.size() >= all.size() - unsentTail,
                "frame count: reference " + all.size() + ", ours " + frames.size());
        List<FrameMd5.Packet> packets = all.subList(0, frames.size());
        RtpTimestampUnwrapper unwrap = new RtpTimestampUnwrapper();
        long first = unwrap.unwrap(frames.get(0).rtpTimestamp());
        long refFirst = packets.get(0).pts();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < packets.size() && problems.size() < 10; i++) {
            DepacketizedFrame f = frames.get(i);
            FrameMd5.Packet p = packets.get(i);
            long ticks = (i == 0 ? first : unwrap.unwrap(f.rtpTimestamp())) - first;
            long pts = FrameMd5Comparator.toTimebase(ticks, clockRate, h.tbNum(), h.tbDen());
            String md5 = FrameMd5Comparator.md5(f.payload());
            if (pts != p.pts() - refFirst || !md5.equals(p.md5()) || f.payload().length != p.size()
                    || (p.keyframe() != null && f.format() == BitstreamFormat.AVCC && p.keyframe() != f.keyframe())) {
                problems.add("#" + i + ": ref pts " + (p.pts() - refFirst) + " size " + p.size() + " key " + p.keyframe()
                        + " md5 " + p.md5() + " / ours pts " + pts + " size " + f.payload().length + " key "
                        + f.keyframe() + " md5 " + md5);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
