package io.camelmedia.protocol.rtp.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Incomplete, corrupt and oversized input: dropped and counted under its reason, never thrown, never unbounded. */
class DepacketizerBadInputTest {
    /** The parameter sets of a real openh264 stream (the committed avcC of codec/h264). */
    static final io.camelmedia.codec.h264.AvcDecoderConfigurationRecord OPENH264 = openh264();
    static final byte[] SPS = OPENH264.sequenceParameterSets().get(0);
    static final byte[] PPS = OPENH264.pictureParameterSets().get(0);
    static final byte IDR = 0x65;
    static final byte NON_IDR = 0x41;

    private int seq = 100;

    private RtpPacket pkt(long ts, boolean marker, byte[] payload) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(ts).ssrc(1).marker(marker)
                .payload(payload).build();
    }

    private static byte[] nal(byte header, int size, int fill) {
        byte[] n = new byte[size];
        Arrays.fill(n, (byte) fill);
        n[0] = header;
        return n;
    }

    private static byte[] stapA(byte[]... nals) {
        int size = 1;
        for (byte[] n : nals) {
            size += 2 + n.length;
        }
        byte[] out = new byte[size];
        out[0] = 0x78;   // F=0 NRI=3 type 24
        int p = 1;
        for (byte[] n : nals) {
            out[p] = (byte) (n.length >>> 8);
            out[p + 1] = (byte) n.length;
            System.arraycopy(n, 0, out, p + 2, n.length);
            p += 2 + n.length;
        }
        return out;
    }

    private static byte[] fuA(byte nalHeader, boolean start, boolean end, int size) {
        byte[] out = new byte[2 + size];
        out[0] = (byte) ((nalHeader & 0xE0) | 28);
        out[1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nalHeader & 0x1F));
        Arrays.fill(out, 2, out.length, (byte) 0x5A);
        return out;
    }

    @Test
    void stapAOfParameterSetsThenALargeIdrAcrossManyFuA() {
        Track track = Track.builder(1, Codec.H264).build();
        byte[] idr = nal(IDR, 300_000, 0x33);
        byte[] au = avcc(SPS, PPS, idr);
        List<byte[]> payloads = new H264Packetizer().packetize(MediaFrame.of(track, 0, 0, true, BitstreamFormat.AVCC, au), 1188);
        assertEquals(1 + (idr.length - 1 + 1185) / 1186, payloads.size(), "one STAP-A, then FU-As of 1186 bytes");
        assertEquals(24, payloads.get(0)[0] & 0x1F);
        for (int i = 1; i < payloads.size(); i++) {
            assertEquals(28, payloads.get(i)[0] & 0x1F);
        }
        H264Depacketizer d = new H264Depacketizer();
        List<DepacketizedFrame> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.addAll(d.push(pkt(9000, i == payloads.size() - 1, payloads.get(i))));
        }
        assertEquals(1, out.size());
        assertTrue(out.get(0).keyframe());
        assertArrayEquals(au, out.get(0).payload());
        // Annex B input gives the same packets
        List<byte[]> fromAnnexB = new H264Packetizer().packetize(MediaFrame.of(track, 0, 0, true, BitstreamFormat.ANNEX_B,
                annexB(SPS, PPS, idr)), 1188);
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), fromAnnexB.get(i));
        }
    }

    @Test
    void packetizationModeZeroSendsSingleUnitsAndCannotFragment() {
        Track track = Track.builder(1, Codec.H264).build();
        List<byte[]> p = new H264Packetizer(0).packetize(MediaFrame.of(track, 0, 0, true, BitstreamFormat.AVCC,
                avcc(SPS, PPS, nal(IDR, 500, 1))), 1188);
        assertEquals(3, p.size());
        assertThrows(RtpException.class, () -> new H264Packetizer(0).packetize(MediaFrame.of(track, 0, 0, true,
                BitstreamFormat.AVCC, avcc(nal(IDR, 5000, 1))), 1188));
        assertThrows(IllegalArgumentException.class, () -> new H264Packetizer(2));
    }

    @Test
    void fuAWithoutStartIsDroppedAndTheNextFrameComes() {
        H264Depacketizer d = new H264Depacketizer();
        assertEquals(List.of(), d.push(pkt(0, false, fuA(IDR, false, false, 100))));   // joined mid-frame
        assertEquals(List.of(), d.push(pkt(0, true, fuA(IDR, false, true, 100))));
        assertEquals(1, d.stats().dropped(DropReason.FRAGMENT_WITHOUT_START));
        List<DepacketizedFrame> f = d.push(pkt(3000, true, nal(IDR, 50, 2)));
        assertEquals(1, f.size());
        assertTrue(f.get(0).keyframe());
    }

    @Test
    void truncatedStapAAndNalLengthPastTheEndDropTheFrame() {
        H264Depacketizer d = new H264Depacketizer();
        byte[] stap = stapA(SPS, PPS);
        assertEquals(List.of(), d.push(pkt(0, true, Arrays.copyOf(stap, stap.length - 2))));   // PPS length past the end
        assertEquals(List.of(), d.push(pkt(3000, true, new byte[] {0x78, 0x00})));           // size field cut
        assertEquals(List.of(), d.push(pkt(6000, true, new byte[] {0x78})));                 // no unit at all
        assertEquals(3, d.stats().dropped(DropReason.MALFORMED));
        assertEquals(1, d.push(pkt(9000, true, stapA(SPS, PPS, nal(IDR, 10, 3)))).size());
    }

    @Test
    void aNewFuStartBeforeTheEndOrAnotherPacketInsideAFragmentDropsTheFrame() {
        H264Depacketizer d = new H264Depacketizer();
        d.push(pkt(0, false, fuA(IDR, true, false, 100)));
        d.push(pkt(0, false, fuA(IDR, true, false, 100)));
        assertEquals(List.of(), d.push(pkt(0, true, fuA(IDR, false, true, 100))));
        d.push(pkt(3000, false, fuA(IDR, true, false, 100)));
        assertEquals(List.of(), d.push(pkt(3000, true, nal(IDR, 10, 1))));
        assertEquals(2, d.stats().dropped(DropReason.MALFORMED));
    }

    @Test
    void reassemblyOverTheMaxFrameSizeIsDroppedAndMemoryStaysBounded() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        d.push(pkt(0, false, fuA(IDR, true, false, 1000)));
        for (int i = 0; i < 50; i++) {
            d.push(pkt(0, false, fuA(IDR, false, false, 1000)));
        }
        assertEquals(List.of(), d.push(pkt(0, true, fuA(IDR, false, true, 1000))));
        assertEquals(1, d.stats().dropped(DropReason.TOO_LARGE));
        assertEquals(1, d.push(pkt(3000, true, nal(IDR, 9000, 1))).size(), "the next frame within the limit comes");
    }

    @Test
    void aGapInsideAFrameDropsItAndVideoWaitsForTheNextKeyFrame() {
        H264Depacketizer d = new H264Depacketizer();
        assertEquals(1, d.push(pkt(0, true, nal(IDR, 10, 1))).size());
        d.push(pkt(3000, false, fuA(NON_IDR, true, false, 100)));
        seq++;   // the middle fragment is lost
        assertEquals(List.of(), d.push(pkt(3000, true, fuA(NON_IDR, false, true, 100))));
        assertEquals(List.of(), d.push(pkt(6000, true, nal(NON_IDR, 10, 1))), "P-frame after a loss: waits");
        assertEquals(1, d.stats().dropped(DropReason.LOSS));
        assertEquals(1, d.stats().dropped(DropReason.WAITING_FOR_KEYFRAME));
        assertEquals(1, d.push(pkt(9000, true, nal(IDR, 10, 1))).size());
        assertEquals(1, d.push(pkt(12000, true, nal(NON_IDR, 10, 1))).size());
        d.lost(3);   // reported by the reorder buffer: the next unit may have lost its start
        assertEquals(List.of(), d.push(pkt(15000, true, nal(IDR, 10, 1))));
        assertEquals(1, d.push(pkt(18000, true, nal(IDR, 10, 1))).size());
    }

    @Test
    void aSenderWithoutMarkerBitsStillGetsFramesAtTheTimestampChange() {
        H264Depacketizer d = new H264Depacketizer();
        assertEquals(List.of(), d.push(pkt(0, false, nal(IDR, 10, 1))));
        List<DepacketizedFrame> f = d.push(pkt(3000, false, nal(NON_IDR, 10, 1)));
        assertEquals(1, f.size());
        assertEquals(0, f.get(0).rtpTimestamp());
    }

    @Test
    void unsupportedInterleavedPacketsAreCounted() {
        H264Depacketizer d = new H264Depacketizer();
        d.push(pkt(0, true, new byte[] {0x19, 0, 0}));   // STAP-B
        assertEquals(1, d.stats().dropped(DropReason.UNSUPPORTED));
    }

    @Test
    void h265ApAndFuWithAndWithoutStart() {
        byte[] vps = HexFormat.of().parseHex("40010c01ffff016000000300900000030000030078959809");
        byte[] idr = new byte[5000];
        Arrays.fill(idr, (byte) 7);
        idr[0] = 0x26;   // IDR_W_RADL (19) << 1
        idr[1] = 0x01;
        Track track = Track.builder(1, Codec.H265).build();
        byte[] au = avcc(vps, idr);
        List<byte[]> payloads = new H265Packetizer().packetize(MediaFrame.of(track, 0, 0, true, BitstreamFormat.AVCC, au), 1188);
        H265Depacketizer d = new H265Depacketizer();
        assertEquals(List.of(), d.push(pkt(0, false, payloads.get(2))), "joined mid-FU");
        List<DepacketizedFrame> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.addAll(d.push(pkt(3000, i == payloads.size() - 1, payloads.get(i))));
        }
        assertEquals(1, d.stats().dropped(DropReason.FRAGMENT_WITHOUT_START));
        assertEquals(1, out.size());
        assertTrue(out.get(0).keyframe());
        assertArrayEquals(au, out.get(0).payload());
        assertEquals(List.of(), d.push(pkt(6000, true, new byte[] {0x60, 0x01, 0x00, 0x20})), "AP, NALU size past the end");
        assertEquals(1, d.stats().dropped(DropReason.MALFORMED));
    }

    @Test
    void aacSeveralAusOneFragmentedAuAndBadHeaders() {
        AacDepacketizer d = AacDepacketizer.hbr(1024);
        // two AUs of 3 and 2 bytes: AU-headers-length 32 bits, sizes 3 and 2 (13 bits) + index 0 (3 bits)
        List<DepacketizedFrame> two = d.push(pkt(1000, true, HexFormat.of().parseHex("0020" + "0018" + "0010" + "aabbcc" + "ddee")));
        assertEquals(2, two.size());
        assertEquals(1000, two.get(0).rtpTimestamp());
        assertEquals(2024, two.get(1).rtpTimestamp());
        assertArrayEquals(HexFormat.of().parseHex("ddee"), two.get(1).payload());
        Track track = Track.builder(2, Codec.AAC).sampleRate(48000).channels(2).build();
        byte[] big = new byte[3000];
        new Random(1).nextBytes(big);
        List<byte[]> frags = new AacPacketizer().packetize(MediaFrame.of(track, 0, 0, true, BitstreamFormat.RAW, big), 1188);
        assertEquals(3, frags.size());
        List<DepacketizedFrame> out = new ArrayList<>();
        for (int i = 0; i < frags.size(); i++) {
            out.addAll(d.push(pkt(5000, i == frags.size() - 1, frags.get(i))));
        }
        assertEquals(1, out.size());
        assertArrayEquals(big, out.get(0).payload());
        assertEquals(List.of(), d.push(pkt(6000, true, HexFormat.of().parseHex("0010" + "0100" + "aa"))), "AU size past the end");
        assertEquals(List.of(), d.push(pkt(7000, true, HexFormat.of().parseHex("00ff"))), "headers past the end");
        assertEquals(List.of(), d.push(pkt(8000, true, HexFormat.of().parseHex("0010" + "0019" + "aabbcc"))), "AU-Index 1: interleaved");
        assertEquals(2, d.stats().dropped(DropReason.MALFORMED));
        assertEquals(1, d.stats().dropped(DropReason.UNSUPPORTED));
        // a fragment lost in the middle drops the AU
        d.push(pkt(9000, false, frags.get(0)));
        seq++;
        assertEquals(List.of(), d.push(pkt(9000, true, frags.get(2))));
        assertEquals(1, d.stats().dropped(DropReason.LOSS));
    }

    @Test
    void audioGapsAreCountedAndTheNextFrameComes() {
        FramePerPacketDepacketizer d = FramePerPacketDepacketizer.opus();
        assertEquals(1, d.push(pkt(0, false, new byte[] {(byte) 0xF8, 1})).size());
        seq += 2;
        assertEquals(1, d.push(pkt(2880, false, new byte[] {(byte) 0xF8, 2})).size());
        assertEquals(2, d.stats().dropped(DropReason.LOSS));
        d.lost(1);
        seq++;
        d.push(pkt(3840, false, new byte[] {(byte) 0xF8, 3}));
        assertEquals(3, d.stats().dropped(DropReason.LOSS), "a loss reported by lost() is not counted twice");
        assertEquals(List.of(), d.push(pkt(4800, false, new byte[0])));
        assertEquals(1, d.stats().dropped(DropReason.MALFORMED));
    }

    @Test
    void payloadFormatsFromSdp() {
        var h264 = io.camelmedia.protocol.rtp.sdp.RtpMap.of(96, "h264", 90000);
        assertTrue(PayloadFormats.depacketizer(h264, null, 1000) instanceof H264Depacketizer);
        var mode2 = new io.camelmedia.protocol.rtp.sdp.Fmtp(96, Map.of("packetization-mode", "2"));
        assertThrows(io.camelmedia.protocol.rtp.sdp.SdpException.class, () -> PayloadFormats.depacketizer(h264, mode2, 1000));
        var sprop = new io.camelmedia.protocol.rtp.sdp.Fmtp(96, Map.of("packetization-mode", "1",
                "sprop-parameter-sets", SpropParameterSets.encode(List.of(SPS, PPS))));
        Track t = PayloadFormats.track(1, h264, sprop);
        assertTrue(t.hasConfig());
        assertEquals(SpropParameterSets.encode(List.of(SPS, PPS)),
                PayloadFormats.fmtp(t, 96).get("sprop-parameter-sets").orElseThrow(), "fmtp we write gives back the sets");
        assertThrows(io.camelmedia.protocol.rtp.sdp.SdpException.class, () -> PayloadFormats.depacketizer(
                io.camelmedia.protocol.rtp.sdp.RtpMap.of(96, "THEORA", 90000), null, 1000));
    }

    /** Random payloads after valid ones: push never throws, frames stay under the limit, memory stays bounded. */
    @Test
    void fuzzEveryDepacketizer() {
        List<Supplier<Depacketizer>> all = List.of(() -> new H264Depacketizer(64 * 1024), () -> new H265Depacketizer(64 * 1024, false),
                () -> new H265Depacketizer(64 * 1024, true), () -> AacDepacketizer.hbr(1024), FramePerPacketDepacketizer::opus,
                FramePerPacketDepacketizer::g711);
        Random rnd = new Random(3);
        for (Supplier<Depacketizer> s : all) {
            Depacketizer d = s.get();
            long frames = 0;
            for (int i = 0; i < 100_000; i++) {
                byte[] payload = new byte[rnd.nextInt(1300)];
                rnd.nextBytes(payload);
                if (payload.length > 1 && rnd.nextInt(3) == 0) {
                    payload[0] = (byte) (rnd.nextBoolean() ? 0x7C : 0x62);   // FU-A (H.264) / FU (H.265) indicators
                    payload[1] = (byte) (payload[1] & 0x7F);                  // mostly continuation fragments
                }
                if (rnd.nextInt(50) == 0) {
                    d.lost(rnd.nextInt(5));
                }
                RtpPacket p = RtpPacket.builder().payloadType(96).sequenceNumber(rnd.nextInt(20) == 0 ? rnd.nextInt() : seq++)
                        .timestamp(i / 3 * 3000L).ssrc(1).marker(rnd.nextInt(4) == 0).payload(payload).build();
                for (DepacketizedFrame f : d.push(p)) {
                    assertTrue(f.payload().length <= 64 * 1024);
                    frames++;
                }
            }
            assertEquals(100_000, d.stats().packets());
            assertTrue(d.stats().frames() == frames && d.stats().dropped() > 0, d.stats().toString());
        }
    }

    private static io.camelmedia.codec.h264.AvcDecoderConfigurationRecord openh264() {
        try (var in = DepacketizerBadInputTest.class.getResourceAsStream("/codec/h264/openh264-320x240-baseline.config.bin")) {
            return io.camelmedia.codec.h264.AvcDecoderConfigurationRecord.decode(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] avcc(byte[]... nals) {
        int size = 0;
        for (byte[] n : nals) {
            size += 4 + n.length;
        }
        byte[] out = new byte[size];
        int p = 0;
        for (byte[] n : nals) {
            out[p] = (byte) (n.length >>> 24);
            out[p + 1] = (byte) (n.length >>> 16);
            out[p + 2] = (byte) (n.length >>> 8);
            out[p + 3] = (byte) n.length;
            System.arraycopy(n, 0, out, p + 4, n.length);
            p += 4 + n.length;
        }
        return out;
    }

    static byte[] annexB(byte[]... nals) {
        byte[] out = avcc(nals);
        for (int p = 0; p < out.length; ) {
            int len = ((out[p] & 0xFF) << 24) | ((out[p + 1] & 0xFF) << 16) | ((out[p + 2] & 0xFF) << 8) | (out[p + 3] & 0xFF);
            out[p] = 0;
            out[p + 1] = 0;
            out[p + 2] = 0;
            out[p + 3] = 1;
            p += 4 + len;
        }
        return out;
    }
}
