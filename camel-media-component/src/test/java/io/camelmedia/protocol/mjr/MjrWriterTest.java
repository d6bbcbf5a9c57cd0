package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our MJR00002 writer: read back by our reader, and by janus-pp-rec (Debian janus-tools). */
class MjrWriterTest {
    private static final Path JANUS_PP_REC = Path.of("/usr/bin/janus-pp-rec");

    @TempDir
    Path dir;

    /** Records of a file as (packet, wall µs) using its header's u and the MEET offsets. */
    static List<Object[]> packets(Path file) throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (MjrReader r = MjrReader.open(file)) {
            MjrRecord rec;
            while ((rec = r.next()) != null) {
                out.add(new Object[] {RtpPacket.decode(rec.data()), r.header().firstPacketMicros() + rec.arrivalMillis() * 1000});
            }
        }
        return out;
    }

    /** Re-recording a Janus file packet for packet gives the same bytes: header, offsets, packets. */
    @Test
    void rewritingJanusRecordingIsByteIdentical() throws Exception {
        for (String name : List.of("a-h264-opus-audio.mjr", "a-h264-opus-video.mjr", "d-pcma-audio.mjr")) {
            Path src = MjrCorpus.file(name);
            MjrHeader h;
            try (MjrReader r = MjrReader.open(src)) {
                h = r.header();
            }
            Path out = dir.resolve(name);
            try (MjrWriter w = MjrWriter.create(out, MjrHeader.builder(h.kind(), h.codecName())
                    .createdMicros(h.createdMicros()).build())) {
                for (Object[] p : packets(src)) {
                    w.write((RtpPacket) p[0], (Long) p[1]);
                }
            }
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out), name);
        }
    }

    @Test
    void headerFieldsRoundTrip() throws Exception {
        Path out = dir.resolve("x-video.mjr");
        MjrHeader in = MjrHeader.builder(MjrMediaKind.VIDEO, "h264").fmtp("profile-level-id=42e01f;packetization-mode=1")
                .extensions(Map.of(1, "urn:ietf:params:rtp-hdrext:sdes:mid", 3, "urn:3gpp:video-orientation"))
                .data("note \"quoted\"").createdMicros(1_000_000).opusRedPayloadType(0).e2ee(true).build();
        RtpPacket p = RtpPacket.builder().payloadType(96).sequenceNumber(7).timestamp(90_000).ssrc(42)
                .extension(0xBEDE, new byte[] {0x10, 1}).payload(new byte[] {0x65, 1, 2, 3}).padding(4).marker(true).build();
        try (MjrWriter w = MjrWriter.create(out, in)) {
            w.write(p, 1_250_000);
            w.write(p.toBuilder().sequenceNumber(8).build(), 1_283_999);
        }
        try (MjrReader r = MjrReader.open(out)) {
            MjrHeader h = r.header();
            assertEquals(MjrFormat.MJR00002, h.format());
            assertEquals(in.fmtp(), h.fmtp());
            assertEquals(in.extensions(), h.extensions());
            assertEquals(in.data(), h.data());
            assertEquals(1_000_000, h.createdMicros());
            assertEquals(1_250_000, h.firstPacketMicros());
            assertTrue(h.e2ee());
            MjrRecord a = r.next();
            MjrRecord b = r.next();
            assertEquals(0, a.arrivalMillis());
            assertEquals(33, b.arrivalMillis());
            assertEquals(p, RtpPacket.decode(a.data()));
            assertEquals(null, r.next());
        }
        MjrTrack t = MjrTrackReader.read(out);
        assertEquals(2, t.packets().size());
        assertArrayEquals(new byte[] {0x65, 1, 2, 3}, t.packets().get(0).rtp().payloadBytes()); // padding, extension stripped
    }

    @Test
    void refusesWhatJanusPpRecWouldSkip() throws Exception {
        try (MjrWriter w = MjrWriter.create(dir.resolve("big-video.mjr"), MjrHeader.builder(MjrMediaKind.VIDEO, "vp8").build())) {
            RtpPacket big = RtpPacket.builder().payloadType(96).payload(new byte[1500]).build();
            assertThrows(IllegalArgumentException.class, () -> w.write(big, 0));
            assertThrows(IllegalArgumentException.class, () -> w.writeData(new byte[1], 0));
        }
        assertThrows(MjrException.class, () -> MjrWriter.create(dir.resolve("u.mjr"), MjrHeader.builder(MjrMediaKind.AUDIO, "speex").build()));
    }

    @Test
    void dataRecordingRoundTrip() throws Exception {
        Path out = dir.resolve("chat-data.mjr");
        try (MjrWriter w = MjrWriter.create(out, MjrHeader.builder(MjrMediaKind.DATA, "text").build())) {
            w.writeData("hello".getBytes(StandardCharsets.UTF_8), 5_000_000);
            w.writeData("world".getBytes(StandardCharsets.UTF_8), 5_750_000);
        }
        MjrTrack t = MjrTrackReader.read(out);
        assertEquals(2, t.messages().size());
        assertEquals(5_750_000, t.messages().get(1).wallMicros());
        assertEquals(750, t.messages().get(1).arrivalMillis());
        assertEquals("world", new String(t.messages().get(1).data(), StandardCharsets.UTF_8));
    }

    /**
     * A recording we write with reordering, a retransmission and a loss: janus-pp-rec orders it exactly as we
     * do (its -d 7 --parse list), and its .opus conversion has our frames packet for packet.
     */
    @Test
    void janusPpRecReadsWhatWeWrite() throws Exception {
        assumeJanusPpRec();
        List<Object[]> src = packets(MjrCorpus.file("a-h264-opus-audio.mjr")).subList(0, 300);
        List<Object[]> shuffled = new ArrayList<>(src);
        java.util.Collections.swap(shuffled, 10, 11);        // reordered
        java.util.Collections.swap(shuffled, 50, 53);
        shuffled.add(120, shuffled.get(100));                 // a retransmission of seq 101
        shuffled.remove(200);                                 // a loss
        Path out = dir.resolve("ours-audio.mjr");
        try (MjrWriter w = MjrWriter.create(out, MjrHeader.builder(MjrMediaKind.AUDIO, "opus").build())) {
            for (Object[] p : shuffled) {
                w.write((RtpPacket) p[0], (Long) p[1]);
            }
        }
        MjrTrack ours = MjrTrackReader.read(out);
        assertEquals(299, ours.packets().size());
        assertEquals(1, ours.stats().duplicates());
        assertEquals(1, ours.stats().lost());

        List<MjrCorpus.Ordered> theirs = MjrCorpus.parseOrdered(run("-d", "7", "--parse", out.toString()));
        assertEquals(ours.packets().size(), theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(theirs.get(i).seq(), ours.packets().get(i).sequenceNumber(), "#" + i);
            assertEquals(theirs.get(i).offset(), ours.packets().get(i).fileOffset(), "#" + i);
        }

        Path opus = dir.resolve("theirs.opus");
        run(out.toString(), opus.toString());
        RecordingMediaListener l = new RecordingMediaListener();
        MjrSession.of("x", List.of(out)).play(l, MjrDepacketizers.DEFAULT);
        FrameMd5 ref = FrameMd5.ofPackets(opus);
        // janus-pp-rec fills the lost packet with a silence packet (corpus README quirk): compare around it
        List<FrameMd5.Packet> refPackets = ref.packets(0);
        assertEquals(l.frames().size() + 1, refPackets.size());
        int j = 0;
        for (int i = 0; i < refPackets.size(); i++) {
            FrameMd5.Packet rp = refPackets.get(i);
            if (i == 199) {
                continue; // the inserted silence where seq 200 was lost
            }
            var f = l.frames().get(j++);
            assertEquals(rp.pts(), f.pts(), "pts #" + i);
            assertEquals(rp.md5(), FrameMd5Comparator.md5(f.payloadBytes()), "md5 #" + i);
        }
    }

    /** janus-pp-rec parses our video recording: the same packet count and order. */
    @Test
    void janusPpRecParsesOurVideo() throws Exception {
        assumeJanusPpRec();
        Path out = dir.resolve("ours-video.mjr");
        try (MjrWriter w = MjrWriter.create(out, MjrHeader.builder(MjrMediaKind.VIDEO, "h264").build())) {
            for (Object[] p : packets(MjrCorpus.file("a-h264-opus-video.mjr"))) {
                w.write((RtpPacket) p[0], (Long) p[1]);
            }
        }
        List<MjrCorpus.Ordered> theirs = MjrCorpus.parseOrdered(run("-d", "7", "--parse", out.toString()));
        MjrTrack ours = MjrTrackReader.read(out);
        assertEquals(1244, theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(theirs.get(i).seq(), ours.packets().get(i).sequenceNumber());
        }
        Path mp4 = dir.resolve("theirs.mp4");
        run(out.toString(), mp4.toString());
        assertEquals(600, FrameMd5.ofPackets(mp4).packets(0).size());
    }

    static void assumeJanusPpRec() {
        boolean present = Files.isExecutable(JANUS_PP_REC);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("janus-pp-rec is missing in CI: test.sh installs janus-tools");
        }
        Assumptions.assumeTrue(present, "janus-pp-rec absent (apt-get install -y janus-tools); skipping the interop check");
    }

    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(JANUS_PP_REC.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            return text;
        } finally {
            p.destroyForcibly();
        }
    }
}
