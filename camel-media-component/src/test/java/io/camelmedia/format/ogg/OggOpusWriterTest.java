package io.camelmedia.format.ogg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.format.ContainerTestSupport;
import io.camelmedia.format.ContainerTestSupport.RtpPayload;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ogg Opus against the real peers: janus-pp-rec's conversions of the corpus recordings (same packets,
 * same granules, same pages), ffmpeg's Ogg demuxer and Opus decoder, and real Ogg files for the CRC.
 */
class OggOpusWriterTest {
    @TempDir
    Path dir;

    /** The page CRC of every page janus-pp-rec (libogg) wrote verifies with our table-driven CRC. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-h264-opus", "b-vp8-opus"})
    void crcVerifiesEveryPageLiboggWrote(String item) throws Exception {
        byte[] ref = Files.readAllBytes(ContainerTestSupport.mjr(item + "-audio.opus"));
        List<OggPage> pages = OggReader.pages(ref);
        assertEquals(23, pages.size());
        byte[] damaged = ref.clone();
        damaged[200] ^= 1;
        OggException e = assertThrows(OggException.class, () -> OggReader.pages(damaged));
        assertTrue(e.getMessage().contains("CRC_checksum"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-h264-opus", "b-vp8-opus"})
    void corpusRecordingSamePacketsGranulesAndPagesAsJanusPpRec(String item) throws Exception {
        List<RtpPayload> rtp = ContainerTestSupport.mjrPayloads(ContainerTestSupport.mjr(item + "-audio.mjr"));
        Track track = Track.builder(2, Codec.OPUS).clockRate(48_000).channels(2).build();
        Path ours = dir.resolve(item + ".opus");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OggOpusWriter w = new OggOpusWriter(ch, track, OggOpusWriter.Options.defaults())) {
            for (RtpPayload p : rtp) {
                w.write(MediaFrame.of(track, p.timestamp(), p.timestamp(), true, BitstreamFormat.RAW, p.payload()));
            }
        }
        byte[] refBytes = Files.readAllBytes(ContainerTestSupport.mjr(item + "-audio.opus"));
        List<OggPage> refPages = OggReader.pages(refBytes);
        List<OggPage> ourPages = OggReader.pages(Files.readAllBytes(ours));
        List<OggReader.Packet> refPackets = OggReader.packets(refPages);
        List<OggReader.Packet> ourPackets = OggReader.packets(ourPages);
        // OpusHead: janus-pp-rec's is a stereo, pre-skip 0, 48 kHz head, as ours for an RTP track
        assertArrayEquals(refPackets.get(0).data(), ourPackets.get(0).data(), "OpusHead");
        assertEquals(refPackets.size(), ourPackets.size(), "packets incl. the two headers");
        for (int i = 2; i < refPackets.size(); i++) {
            assertArrayEquals(refPackets.get(i).data(), ourPackets.get(i).data(), "packet " + i);
        }
        assertEquals(refPages.size(), ourPages.size(), "pages");
        for (int i = 0; i < refPages.size(); i++) {
            OggPage r = refPages.get(i);
            OggPage o = ourPages.get(i);
            assertEquals(r.granulePosition(), o.granulePosition(), "granule of page " + i);
            assertEquals(r.headerType(), o.headerType(), "flags of page " + i);
            if (i != 1) { // page 1 is OpusTags: vendor and comments differ
                assertArrayEquals(r.segmentTable(), o.segmentTable(), "lacing of page " + i);
            }
            assertEquals(ourPages.get(0).serial(), o.serial(), "one serial");
        }
        FrameMd5 ref = FrameMd5.parse(Files.readString(ContainerTestSupport.mjr(item + "-audio.opus.framemd5.txt")));
        ContainerTestSupport.assertSamePackets(ref, 0, FrameMd5.ofPackets(ours), 0, 0);
        ContainerTestSupport.assertDecodesCleanly(ours);
    }

    /** Opus frames from ffmpeg's libopus (through FLV): ffmpeg reads back the same packets and decodes them. */
    @Test
    void ffmpegReadsBackLibopusFrames() throws Exception {
        FlvSamples.Sample vp9Opus = FlvSamples.all().stream().filter(s -> s.audio() == Codec.OPUS).findFirst().orElseThrow();
        RecordingMediaListener rec = ContainerTestSupport.readFlv(vp9Opus.writeFlv(dir.resolve("in.flv")));
        Track track = ContainerTestSupport.track(rec, 2);
        List<MediaFrame> frames = rec.frames(2);
        Path ours = dir.resolve("out.opus");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OggOpusWriter w = new OggOpusWriter(ch, track, OggOpusWriter.Options.defaults())) {
            for (MediaFrame f : frames) {
                w.write(f);
            }
        }
        FrameMd5 read = FrameMd5.ofPackets(ours);
        OpusHead head = OpusHead.decode(track.config());
        // ffmpeg's Ogg Opus pts: from the granules (packets back to back, the FLV's millisecond rounding
        // gone), minus the pre-skip
        List<MediaFrame> shifted = new ArrayList<>();
        long pts = -head.preSkip();
        for (MediaFrame f : frames) {
            shifted.add(MediaFrame.of(track, pts, pts, true, BitstreamFormat.RAW, f.payloadBytes()));
            pts += io.camelmedia.codec.opus.OpusToc.packetSamples(f.payloadBytes());
        }
        FrameMd5Comparator.assertMatches(read, 0, shifted);
        assertEquals(FrameMd5Comparator.md5(track.config()), read.stream(0).extradataMd5(), "OpusHead as extradata");
        ContainerTestSupport.assertDecodesCleanly(ours);
    }

    /** Lost packets: a gap in the pts stays a gap in the granules, so what follows keeps its time. */
    @Test
    void gapIsKept() throws Exception {
        List<RtpPayload> rtp = new ArrayList<>(ContainerTestSupport.mjrPayloads(
                ContainerTestSupport.mjr("a-h264-opus-audio.mjr")));
        rtp.subList(100, 105).clear(); // 5 packets (100 ms) lost
        Track track = Track.builder(2, Codec.OPUS).clockRate(48_000).channels(2).build();
        Path ours = dir.resolve("gap.opus");
        try (FileChannel ch = FileChannel.open(ours, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OggOpusWriter w = new OggOpusWriter(ch, track, OggOpusWriter.Options.defaults())) {
            for (RtpPayload p : rtp) {
                w.write(MediaFrame.of(track, p.timestamp(), p.timestamp(), true, BitstreamFormat.RAW, p.payload()));
            }
            assertEquals(960_960, w.granulePosition(), "the end is where the recording ends");
        }
        List<OggPage> pages = OggReader.pages(Files.readAllBytes(ours));
        assertEquals(48_000 * 3, pages.get(4).granulePosition(), "the third second ends on time after the gap");
    }

    /** Crash: a file cut anywhere reads up to its last whole page; ffmpeg plays that part. */
    @Test
    void cutFileKeepsEveryWholePage() throws Exception {
        List<RtpPayload> rtp = ContainerTestSupport.mjrPayloads(ContainerTestSupport.mjr("a-h264-opus-audio.mjr"));
        Track track = Track.builder(2, Codec.OPUS).clockRate(48_000).channels(2).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OggOpusWriter w = new OggOpusWriter(Channels.newChannel(bytes), track, OggOpusWriter.Options.defaults());
        for (RtpPayload p : rtp.subList(0, 520)) {
            w.write(MediaFrame.of(track, p.timestamp(), p.timestamp(), true, BitstreamFormat.RAW, p.payload()));
        }
        // no close(): the process died. 520 packets = 10 whole pages of 50 written, 20 pending
        byte[] written = bytes.toByteArray();
        byte[] cut = Arrays.copyOf(written, written.length - 100); // and the last page torn
        int whole = 0;
        int pos = 0;
        while (pos < cut.length) {
            try {
                OggPage p = OggPage.decode(cut, pos, cut.length - pos, pos);
                pos += p.encodedLength();
                whole++;
            } catch (OggException torn) {
                break;
            }
        }
        assertEquals(2 + 9, whole, "headers + 9 whole audio pages before the torn one");
        Path file = Files.write(dir.resolve("cut.opus"), cut);
        long packets = FrameMd5.parse(Ffmpeg.run(60, "-i", file.toString(), "-c", "copy", "-f", "framemd5", "-")
                .stdout()).packets(0).size();
        assertEquals(450, packets, "ffmpeg reads the 9 whole audio pages");
    }

    /** Lacing: packets of 0, 255, 510 and 70000 bytes (the last spans pages) come back whole. */
    @Test
    void lacingAndContinuedPages() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OggStreamWriter w = new OggStreamWriter(Channels.newChannel(bytes), 1234);
        Random random = new Random(1);
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {0, 255, 510, 70000, 1, 254}) {
            byte[] p = new byte[size];
            random.nextBytes(p);
            sent.add(p);
            w.packet(p, 0, p.length, sent.size());
        }
        w.close();
        List<OggPage> pages = OggReader.pages(bytes.toByteArray());
        assertTrue(pages.size() >= 2, "70000 bytes need a second page");
        assertTrue(pages.get(1).continued(), "continued flag");
        assertTrue(pages.get(0).bos() && pages.get(pages.size() - 1).eos());
        List<OggReader.Packet> got = OggReader.packets(pages);
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i).data(), "packet " + i);
        }
        assertEquals(3, pages.get(0).granulePosition(), "the 510-byte packet is the last to end on the first page");
    }

    @Test
    void rejectsBadPackets() throws Exception {
        Track track = Track.builder(2, Codec.OPUS).clockRate(48_000).channels(1).build();
        OggOpusWriter w = new OggOpusWriter(Channels.newChannel(new ByteArrayOutputStream()), track,
                OggOpusWriter.Options.defaults());
        assertThrows(OggException.class, () -> w.writePacket(new byte[0], 0));
        assertThrows(OggException.class, () -> w.writePacket(new byte[] {(byte) 0x03}, 0)); // code 3 without count
        assertEquals(1, w.head().channelCount());
    }
}
