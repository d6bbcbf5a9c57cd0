package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ordering edge cases on synthetic recordings: wraps, resets, late packets, duplicates, foreign packets. */
class MjrTrackReaderTest {
    private static final long WRAP = 1L << 32;

    /** Writes packets {seq, ts[, pt[, ssrc]]} in file order and returns the reader's play-out order. */
    private static MjrTrack order(String codec, long[]... packets) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MjrWriter w = new MjrWriter(out, "t.mjr", MjrHeader.builder(MjrMediaKind.AUDIO, codec).build())) {
            for (int i = 0; i < packets.length; i++) {
                long[] p = packets[i];
                w.write(RtpPacket.builder().payloadType(p.length > 2 ? (int) p[2] : 0).ssrc(p.length > 3 ? p[3] : 1)
                        .sequenceNumber((int) p[0]).timestamp(p[1]).payload(new byte[] {1}).build(), 1_000_000L + i * 20_000L);
            }
        }
        try (MjrReader r = MjrReader.of("t.mjr", out.toByteArray())) {
            return MjrTrackReader.read(r, MjrTrackReader.DEFAULT_MAX_BYTES);
        }
    }

    private static List<Integer> seqs(MjrTrack t) {
        return t.packets().stream().map(MjrPacket::sequenceNumber).toList();
    }

    @Test
    void timestampWrap() throws Exception {
        MjrTrack t = order("opus", new long[] {1, WRAP - 1920}, new long[] {2, WRAP - 960}, new long[] {3, 0},
                new long[] {4, 960});
        assertEquals(List.of(1, 2, 3, 4), seqs(t));
        assertEquals(1, t.stats().timestampResets());
        assertEquals(960, t.packets().get(2).extendedTimestamp() - t.packets().get(1).extendedTimestamp());
    }

    @Test
    void latePacketFromBeforeTheWrapStaysBeforeIt() throws Exception {
        MjrTrack t = order("opus", new long[] {1, WRAP - 1920}, new long[] {3, 0}, new long[] {2, WRAP - 960},
                new long[] {4, 960});
        assertEquals(List.of(1, 2, 3, 4), seqs(t));
        assertEquals(0, t.stats().lost());
    }

    @Test
    void sequenceWrapWithinOneTimestamp() throws Exception {
        MjrTrack t = order("opus", new long[] {65534, 3000}, new long[] {0, 3000}, new long[] {65535, 3000},
                new long[] {1, 3000});
        assertEquals(List.of(65534, 65535, 0, 1), seqs(t));
        assertEquals(0, t.stats().lost());
    }

    @Test
    void reorderingDuplicatesAndLoss() throws Exception {
        MjrTrack t = order("opus", new long[] {1, 0}, new long[] {3, 1920}, new long[] {2, 960}, new long[] {2, 960},
                new long[] {6, 4800});
        assertEquals(List.of(1, 2, 3, 6), seqs(t));
        assertEquals(1, t.stats().duplicates());
        assertEquals(2, t.stats().lost());
    }

    @Test
    void sequenceResetIsNotLoss() throws Exception {
        MjrTrack t = order("opus", new long[] {100, 0}, new long[] {101, 960}, new long[] {30_000, 1920});
        assertEquals(0, t.stats().lost());
        assertEquals(1, t.stats().sequenceJumps());
    }

    @Test
    void foreignPacketsAreSkippedAndCounted() throws Exception {
        MjrTrack t = order("pcmu", new long[] {1, 0, 0}, new long[] {2, 160, 8}, new long[] {3, 320, 96},
                new long[] {4, 480, 0, 77}, new long[] {5, 640, 0});
        assertEquals(List.of(1, 2, 5), seqs(t));
        assertEquals(1, t.stats().otherPayloadType());
        assertEquals(1, t.stats().otherSsrc());
    }

    /** MJR00001 (JSON header, "MEETECHO" records without times) and the oldest header-only layout. */
    @Test
    void olderLayouts() throws Exception {
        byte[] packet1 = RtpPacket.builder().payloadType(111).ssrc(9).sequenceNumber(2).timestamp(960).payload(new byte[] {7}).build().encode();
        byte[] packet0 = RtpPacket.builder().payloadType(111).ssrc(9).sequenceNumber(1).timestamp(0).payload(new byte[] {6}).build().encode();
        String json = "{\"t\": \"a\", \"c\": \"opus\", \"s\": 10, \"u\": 20}";
        for (MjrFormat f : List.of(MjrFormat.MJR00001, MjrFormat.LEGACY)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(f.magic().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = f == MjrFormat.LEGACY ? "audio".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(head.length >>> 8);
            out.write(head.length);
            out.writeBytes(head);
            for (byte[] p : List.of(packet1, packet0)) {
                out.writeBytes("MEETECHO".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(p.length >>> 8);
                out.write(p.length);
                out.writeBytes(p);
            }
            try (MjrReader r = MjrReader.of("old.mjr", out.toByteArray())) {
                assertEquals(f, r.header().format());
                assertEquals(MjrMediaKind.AUDIO, r.header().kind());
                assertEquals("opus", r.header().codecName());
                assertEquals(f == MjrFormat.LEGACY ? -1 : 20, r.header().firstPacketMicros());
                MjrTrack t = MjrTrackReader.read(r, MjrTrackReader.DEFAULT_MAX_BYTES);
                assertEquals(List.of(1, 2), seqs(t));
                assertEquals(-1, t.packets().get(0).arrivalMillis());
                // no arrival times: the first record in the file (ts 960) arrived at u, so ts 0 was 20 ms before
                assertEquals(f == MjrFormat.LEGACY ? Long.MIN_VALUE : 20 - 20_000, MjrTimeline.firstPacketWallMicros(t));
            }
        }
    }
}
