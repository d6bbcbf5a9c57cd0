package io.camelmedia.protocol.rtp.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VP8 (RFC 7741), VP9 (RFC 9628) and AV1 (AOM v1.0.0) payloads against the real peer: what the bundled
 * ffmpeg sends from a file it encoded must come out frame for frame as ffmpeg's own demuxer reads that file
 * (count, timestamps, key flags, payload MD5); then our packetizer's output, with losses, reordering and
 * mutations, must depacketize to the same frames or counted drops, never an exception.
 */
class RtpVideoPayloadTest {
    private static final int CLOCK = 90_000;

    /** The codecs ffmpeg can both encode and packetize here (AV1 via libaom, ffmpeg rtpenc_av1 with -strict experimental). */
    enum Video {
        VP8(Codec.VP8), VP9(Codec.VP9), AV1(Codec.AV1);

        final Codec codec;

        Video(Codec codec) {
            this.codec = codec;
        }
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void ffmpegRtpMatchesTheEncodedFilePacketForPacket(Video v) throws Exception {
        RtpVideoSources.Source s = RtpVideoSources.get(v.codec);
        assertContiguous(s.packets());
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, s.packets());
        assertEquals(0, d.stats().dropped(), d.stats().toString());
        assertEquals(s.packets().size(), d.stats().packets());
        List<MediaFrame> frames = toMediaFrames(v.codec, s.reference(), out);
        // AV1: ffmpeg's Matroska packets are OBUs with obu_size and no temporal delimiter, the form we output,
        // so the MD5s compare unchanged
        FrameMd5Comparator.assertMatches(s.reference(), 0, frames);
        assertTrue(frames.stream().filter(MediaFrame::keyframe).count() >= 2, "two GOPs of 25 frames");
    }

    static Stream<Arguments> roundTrips() {
        List<Arguments> a = new ArrayList<>();
        for (Video v : Video.values()) {
            for (int mtu : new int[] {64, 200, 1200}) {
                a.add(Arguments.of(v, mtu));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} max payload {1}")
    @MethodSource("roundTrips")
    void packetizeDepacketizeRoundTrip(Video v, int maxPayload) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = packetize(v, source, maxPayload, 65_000);
        assertTrue(packets.stream().allMatch(p -> p.payloadLength() <= maxPayload));
        assertTrue(packets.size() > source.size() * (maxPayload < 1200 ? 3 : 1), "frames span many packets");
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, packets);
        assertEquals(0, d.stats().dropped(), d.stats().toString());
        assertSameFrames(source, out);
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void aLostPacketDropsItsFrameAndWaitsForTheNextKeyFrame(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = packetize(v, source, 200, 1);
        int lostFrame = 5;  // a delta frame in the first GOP (key frames at 0 and 25)
        long lostTs = source.get(lostFrame).rtpTimestamp();
        int index = indexOfPacket(packets, lostTs, 1);
        List<RtpPacket> impaired = new ArrayList<>(packets);
        impaired.remove(index);
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, impaired);
        int nextKey = nextKey(source, lostFrame);
        List<DepacketizedFrame> expected = new ArrayList<>(source.subList(0, lostFrame));
        expected.addAll(source.subList(nextKey, source.size()));
        assertSameFrames(expected, out);
        assertEquals(1, d.stats().dropped(DropReason.LOSS), d.stats().toString());
        assertEquals(nextKey - lostFrame - 1, d.stats().dropped(DropReason.WAITING_FOR_KEYFRAME), d.stats().toString());
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void aFrameWhoseFirstPacketIsLostIsCountedOnceAsFragmentWithoutStart(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = packetize(v, source, 200, 0xFFF0);  // sequence numbers wrap on the way
        int lostFrame = 3;
        List<RtpPacket> impaired = new ArrayList<>(packets);
        impaired.remove(indexOfPacket(packets, source.get(lostFrame).rtpTimestamp(), 0));
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, impaired);
        int nextKey = nextKey(source, lostFrame);
        List<DepacketizedFrame> expected = new ArrayList<>(source.subList(0, lostFrame));
        expected.addAll(source.subList(nextKey, source.size()));
        assertSameFrames(expected, out);
        assertEquals(1, d.stats().dropped(DropReason.FRAGMENT_WITHOUT_START), d.stats().toString());
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void reorderedPacketsNeverDeliverACorruptFrame(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = new ArrayList<>(packetize(v, source, 200, 100));
        int secondKey = nextKey(source, 0);
        int gopEnd = indexOfPacket(packets, source.get(secondKey).rtpTimestamp(), 0);
        Random random = new Random(v.ordinal());
        for (int i = 0; i < 10; i++) {  // swaps inside the first GOP, which the caller did not reorder
            int at = 1 + random.nextInt(gopEnd - 4);
            packets.add(at + 1 + random.nextInt(2), packets.remove(at));
        }
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, packets);
        assertOnlyIntactFrames(source, out);
        assertTrue(d.stats().dropped(DropReason.LOSS) > 0, d.stats().toString());
        List<DepacketizedFrame> tail = out.subList(out.size() - (source.size() - secondKey), out.size());
        assertSameFrames(source.subList(secondKey, source.size()), tail);
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void lostReportedByTheCallerDropsThePartialFrame(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = packetize(v, source, 200, 7);
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        int cut = indexOfPacket(packets, source.get(2).rtpTimestamp(), 1);
        List<DepacketizedFrame> out = new ArrayList<>(feed(d, packets.subList(0, cut)));
        d.lost(0);
        d.lost(3);
        out.addAll(feed(d, packets.subList(cut, packets.size())));
        List<DepacketizedFrame> expected = new ArrayList<>(source.subList(0, 2));
        expected.addAll(source.subList(nextKey(source, 2), source.size()));
        assertSameFrames(expected, out);
        assertEquals(1, d.stats().dropped(DropReason.LOSS), d.stats().toString());
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void framesAboveTheMaximumSizeAreDroppedAndBounded(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        int max = source.stream().filter(DepacketizedFrame::keyframe).mapToInt(f -> f.payload().length).min()
                .orElseThrow() - 1;
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, max);
        List<DepacketizedFrame> out = feed(d, packetize(v, source, 300, 9));
        assertTrue(out.isEmpty(), "every frame is too large or waits for a key frame that is");
        long keys = source.stream().filter(DepacketizedFrame::keyframe).count();
        assertTrue(d.stats().dropped(DropReason.TOO_LARGE) >= keys, d.stats().toString());
        assertEquals(source.size(), d.stats().dropped(DropReason.TOO_LARGE)
                + d.stats().dropped(DropReason.WAITING_FOR_KEYFRAME), d.stats().toString());
    }

    @ParameterizedTest
    @EnumSource(Video.class)
    void startsAtTheFirstKeyFrameWhenJoiningMidStream(Video v) throws Exception {
        List<DepacketizedFrame> source = sourceFrames(v);
        List<RtpPacket> packets = packetize(v, source, 200, 3);
        int join = indexOfPacket(packets, source.get(10).rtpTimestamp(), 1);
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> out = feed(d, packets.subList(join, packets.size()));
        assertSameFrames(source.subList(nextKey(source, 10), source.size()), out);
    }

    /** Real packets (ffmpeg's and ours) with random mutations: only frames or counted drops, never an exception. */
    @ParameterizedTest
    @EnumSource(Video.class)
    void fuzzRealPackets(Video v) throws Exception {
        List<RtpPacket> ffmpeg = RtpVideoSources.get(v.codec).packets();
        List<RtpPacket> ours = packetize(v, sourceFrames(v), 300, 11);
        Random random = new Random(42 + v.ordinal());
        for (int round = 0; round < 200; round++) {
            List<RtpPacket> base = round % 2 == 0 ? ffmpeg : ours;
            List<RtpPacket> mutated = new ArrayList<>(base);
            for (int m = 0; m < 1 + random.nextInt(8); m++) {
                int i = random.nextInt(mutated.size());
                mutated.set(i, mutate(mutated.get(i), random));
            }
            Depacketizer d = RtpVideoSources.depacketizer(v.codec, 256 * 1024);
            try {
                List<DepacketizedFrame> out = feed(d, mutated);
                assertEquals(out.size(), d.stats().frames());
                assertTrue(out.size() <= 50);
            } catch (RuntimeException e) {
                fail(v + " round " + round + ": " + e, e);
            }
        }
    }

    private static RtpPacket mutate(RtpPacket p, Random random) {
        byte[] payload = p.payloadBytes();
        switch (random.nextInt(5)) {
            case 0 -> payload = java.util.Arrays.copyOf(payload, random.nextInt(payload.length + 1));
            case 1 -> {
                for (int k = 0; k < 3 && payload.length > 0; k++) {
                    payload[random.nextInt(Math.min(payload.length, 12))] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                if (payload.length > 0) {
                    payload[0] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> {
                return p.toBuilder().marker(!p.marker()).build();
            }
            default -> {
                return p.toBuilder().sequenceNumber(p.sequenceNumber() + random.nextInt(3) - 1)
                        .timestamp(p.timestamp() + random.nextInt(2)).build();
            }
        }
        return p.toBuilder().payload(payload).build();
    }

    // ---- helpers

    /** The real frames of the codec: ffmpeg's packets depacketized (checked against the file above). */
    private static List<DepacketizedFrame> sourceFrames(Video v) throws Exception {
        Depacketizer d = RtpVideoSources.depacketizer(v.codec, Depacketizer.DEFAULT_MAX_FRAME_SIZE);
        List<DepacketizedFrame> frames = feed(d, RtpVideoSources.get(v.codec).packets());
        assertEquals(50, frames.size(), d.stats().toString());
        assertTrue(frames.get(0).keyframe());
        return frames;
    }

    private static List<RtpPacket> packetize(Video v, List<DepacketizedFrame> frames, int maxPayload, int firstSeq) {
        Packetizer packetizer = RtpVideoSources.packetizer(v.codec).apply(32_760);
        Track track = Track.builder(1, v.codec).build();
        List<RtpPacket> out = new ArrayList<>();
        int seq = firstSeq;
        for (DepacketizedFrame f : frames) {
            MediaFrame frame = MediaFrame.of(track, f.rtpTimestamp(), f.rtpTimestamp(), f.keyframe(), BitstreamFormat.RAW,
                    f.payload());
            List<byte[]> payloads = packetizer.packetize(frame, maxPayload);
            for (int i = 0; i < payloads.size(); i++) {
                out.add(RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(f.rtpTimestamp())
                        .ssrc(0x1234).marker(i == payloads.size() - 1).payload(payloads.get(i)).build());
            }
        }
        return out;
    }

    static List<DepacketizedFrame> feed(Depacketizer d, List<RtpPacket> packets) {
        List<DepacketizedFrame> out = new ArrayList<>();
        for (RtpPacket p : packets) {
            out.addAll(d.push(p));
        }
        return out;
    }

    /** Index of the {@code nth} packet (0-based) carrying timestamp {@code ts}. */
    private static int indexOfPacket(List<RtpPacket> packets, long ts, int nth) {
        int seen = 0;
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).timestamp() == ts && seen++ == nth) {
                return i;
            }
        }
        throw new AssertionError("no packet " + nth + " at ts " + ts);
    }

    private static int nextKey(List<DepacketizedFrame> frames, int after) {
        for (int i = after + 1; i < frames.size(); i++) {
            if (frames.get(i).keyframe()) {
                return i;
            }
        }
        throw new AssertionError("no key frame after " + after);
    }

    private static void assertContiguous(List<RtpPacket> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF, packets.get(i).sequenceNumber(),
                    "loopback lost a datagram at " + i);
        }
    }

    private static void assertSameFrames(List<DepacketizedFrame> expected, List<DepacketizedFrame> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).rtpTimestamp(), actual.get(i).rtpTimestamp(), "ts #" + i);
            assertEquals(expected.get(i).keyframe(), actual.get(i).keyframe(), "key #" + i);
            assertArrayEquals(expected.get(i).payload(), actual.get(i).payload(), "payload #" + i);
        }
    }

    /** Each delivered frame is one of the source frames, byte for byte, in order, no frame twice. */
    private static void assertOnlyIntactFrames(List<DepacketizedFrame> source, List<DepacketizedFrame> out) {
        Map<Long, DepacketizedFrame> byTs = new HashMap<>();
        source.forEach(f -> byTs.put(f.rtpTimestamp(), f));
        long last = -1;
        for (DepacketizedFrame f : out) {
            DepacketizedFrame s = byTs.get(f.rtpTimestamp());
            assertTrue(s != null && f.rtpTimestamp() > last, "unexpected frame " + f);
            assertArrayEquals(s.payload(), f.payload(), "corrupt frame at " + f.rtpTimestamp());
            assertEquals(s.keyframe(), f.keyframe());
            last = f.rtpTimestamp();
        }
    }

    /** Our frames as MediaFrames on the reference's time line: pts = first reference pts + RTP timestamp delta. */
    private static List<MediaFrame> toMediaFrames(Codec codec, FrameMd5 ref, List<DepacketizedFrame> out) {
        FrameMd5.StreamHeader h = ref.stream(0);
        long firstPts = ref.packets(0).get(0).pts() * CLOCK * h.tbNum() / h.tbDen();
        Track track = Track.builder(1, codec).build();
        long ts0 = out.get(0).rtpTimestamp();
        List<MediaFrame> frames = new ArrayList<>();
        for (DepacketizedFrame f : out) {
            long pts = firstPts + ((f.rtpTimestamp() - ts0) & 0xFFFF_FFFFL);
            frames.add(MediaFrame.of(track, pts, pts, f.keyframe(), BitstreamFormat.RAW, f.payload()));
        }
        return frames;
    }
}
