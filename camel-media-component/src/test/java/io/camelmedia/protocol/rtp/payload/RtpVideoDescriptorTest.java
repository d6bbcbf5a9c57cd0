package io.camelmedia.protocol.rtp.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.frame.Codec;
import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Payload descriptors and AV1 OBU elements field by field, on inline bytes with per-field comments. */
class RtpVideoDescriptorTest {
    private static int seq;

    static RtpPacket packet(String payloadHex, boolean marker, long ts) {
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(ts).ssrc(7).marker(marker)
                .payload(HexFormat.of().parseHex(payloadHex.replace(" ", ""))).build();
    }

    static RtpPacket packet(String payloadHex) {
        return packet(payloadHex, true, 0);
    }

    // ---- VP8, RFC 7741 §4.2

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,                              bytes,               S,    PID, pictureId, long,  tl0, tid, Y,    keyIdx, length
        "'S, PID 0, no extension',            '10 9d',              true,  0,   -1,       false, -1,  -1,  false, -1,     1",
        "'ffmpeg rtpenc_vp8: X S I M 15-bit', '90 80 81 23 9d',     true,  0,   291,      true,  -1,  -1,  false, -1,     4",
        "'continuation of partition 2',       '82 80 05 00',        false, 2,   5,        false, -1,  -1,  false, -1,     3",
        "'I 7-bit, L, T+Y, K (RFC 7741 4.2)', '90 f0 05 11 a5 00',  true,  0,   5,        false, 17,  2,   true,  5,      5",
        "'K only',                            '80 10 03 00',        false, 0,   -1,       false, -1,  -1,  false, 3,      3",
    })
    void vp8Descriptor(String name, String hex, boolean s, int pid, int pictureId, boolean longId, int tl0, int tid,
                       boolean y, int keyIdx, int length) {
        RtpPacket p = packet(hex);
        Vp8PayloadDescriptor d = Vp8PayloadDescriptor.decode(p);
        assertEquals(s, d.startOfPartition());
        assertEquals(pid, d.partitionIndex());
        assertEquals(pictureId, d.pictureId());
        assertEquals(longId, d.longPictureId());
        assertEquals(tl0, d.tl0PicIdx());
        assertEquals(tid, d.tid());
        assertEquals(y, d.layerSync());
        assertEquals(keyIdx, d.keyIdx());
        assertEquals(length, d.length());
        if (tid < 0 || keyIdx >= 0 || (tid >= 0 && keyIdx >= 0)) {
            byte[] out = new byte[d.encodedLength()];
            assertEquals(length, d.encode(out, 0));
            assertArrayEquals(Arrays.copyOf(p.payloadBytes(), length), out, "re-encoded");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "90", "90 80", "90 80 81", "90 80 81 23", "90 f0 05 11", "80 e0 05"})
    void vp8TruncatedDescriptorsAreRtpExceptions(String hex) {
        RtpPacket p = packet(hex);
        RtpException e = assertThrows(RtpException.class, () -> Vp8PayloadDescriptor.decode(p));
        assertTrue(e.getMessage().startsWith("VP8 payload descriptor: "), e.getMessage());
    }

    // ---- VP9, RFC 9628 §4.2

    @Test
    void vp9NonFlexibleWithLayerIndicesAndTl0PicIdx() {
        // a8: I=1 P=0 L=1 F=0 B=1 E=0 V=0 Z=0 | 81 23: M=1 picture id 0x0123 | 45: TID 2 U 0 SID 2 D 1 | 07: TL0PICIDX
        RtpPacket p = packet("a8 81 23 45 07 82");
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.decode(p);
        assertTrue(d.startOfFrame());
        assertFalse(d.endOfFrame());
        assertFalse(d.flexibleMode());
        assertEquals(0x123, d.pictureId());
        assertEquals(2, d.temporalId());
        assertEquals(2, d.spatialId());
        assertTrue(d.interLayerDependency());
        assertEquals(7, d.tl0PicIdx());
        assertEquals(5, d.length());
        assertReencodes(d, p);
    }

    @Test
    void vp9FlexibleWithReferenceIndices() {
        // d8: I=1 P=1 L=0 F=1 B=1 | 05: 7-bit picture id | 03: P_DIFF 1, N=1 | 04: P_DIFF 2, N=0
        RtpPacket p = packet("d8 05 03 04 86");
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.decode(p);
        assertTrue(d.flexibleMode());
        assertTrue(d.interPicturePredicted());
        assertEquals(5, d.pictureId());
        assertArrayEquals(new int[] {1, 2}, d.pDiffs());
        assertEquals(4, d.length());
        assertReencodes(d, p);
    }

    @Test
    void vp9ScalabilityStructureWithSizesAndPictureGroups() {
        // 8e: I=1 B=1 E=1 V=1 | 05 | SS 38: N_S=1 (2 layers) Y=1 G=1 | 320x180, 640x360 | N_G=2 |
        // 04 01: TID 0 U 0 R 1, P_DIFF 1 | 34 01: TID 1 U 1 R 1, P_DIFF 1
        RtpPacket p = packet("8e 05 38 0140 00b4 0280 0168 02 04 01 34 01 82");
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.decode(p);
        Vp9ScalabilityStructure ss = d.scalabilityStructure();
        assertEquals(2, ss.spatialLayers());
        assertArrayEquals(new int[] {320, 640}, ss.widths());
        assertArrayEquals(new int[] {180, 360}, ss.heights());
        assertEquals(2, ss.pictureGroups().size());
        assertEquals(1, ss.pictureGroups().get(1).temporalId());
        assertTrue(ss.pictureGroups().get(1).switchingUpPoint());
        assertEquals(16, d.length());
        assertReencodes(d, p);
    }

    @Test
    void vp9WhatOurPacketizerWritesOnAKeyFrame() {
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.of(false, true, false, 0x4321, Vp9ScalabilityStructure.of(320, 240));
        byte[] out = new byte[d.encodedLength() + 1];
        d.encode(out, 0);
        // 8a: I=1 P=0 B=1 V=1 | c3 21: M=1 0x4321 | 10: N_S=0 Y=1 G=0 | 0140 00f0: 320x240 | frame byte
        assertEquals("8ac321100140" + "00f000", HexFormat.of().formatHex(out));
        assertEquals(d.length(), Vp9PayloadDescriptor.decode(packet(HexFormat.of().formatHex(out))).length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "80 81", "a0 05", "a0 05 45", "d8 05 03", "d8 05 03 05 07 09 00",
        "8e 05 38 0140", "8e 05 08", "8e 05 08 01 0c 01"})
    void vp9TruncatedOrOverlongDescriptorsAreRtpExceptions(String hex) {
        RtpPacket p = packet(hex);
        RtpException e = assertThrows(RtpException.class, () -> Vp9PayloadDescriptor.decode(p));
        assertTrue(e.getMessage().startsWith("VP9 "), e.getMessage());
    }

    private static void assertReencodes(Vp9PayloadDescriptor d, RtpPacket p) {
        byte[] out = new byte[d.encodedLength()];
        assertEquals(d.length(), d.encode(out, 0));
        assertArrayEquals(Arrays.copyOf(p.payloadBytes(), d.length()), out);
    }

    // ---- AV1, AOM RTP payload v1.0.0 §4.3-4.4

    @Test
    void av1AggregationHeaderRoundTrip() {
        for (int b = 0; b < 256; b++) {
            Av1AggregationHeader h = Av1AggregationHeader.decode(b);
            assertEquals(b & 0xF8, h.encode(), "reserved bits dropped, others kept: " + b);
        }
        Av1AggregationHeader h = Av1AggregationHeader.decode(0xE8);  // Z Y W=2 N
        assertTrue(h.continuesPrevious() && h.continuesNext() && h.newSequence());
        assertEquals(2, h.elementCount());
    }

    /** libaom's 320x240 sequence_header_obu payload (11 bytes). */
    private static final String SEQ = "00 00 00 04 3c ff bc da f9 00 40";
    /** The temporal unit we output for the elements below: seq header and FRAME with obu_size, no TD. */
    private static final String TU = "0a 0b " + SEQ + " 32 03 10 aa bb";

    @Test
    void av1ElementsWithLengthFieldsTemporalDelimiterDroppedSizeFieldsAdded() {
        // 08: Z=0 Y=0 W=0 N=1 | 01 10: TD | 0c 08 <seq>: sequence header | 04 30 10 aa bb: FRAME
        Av1Depacketizer d = new Av1Depacketizer();
        List<DepacketizedFrame> out = d.push(packet("08 01 10 0c 08" + SEQ + " 04 30 10 aa bb", true, 90));
        assertEquals(1, out.size(), d.stats().toString());
        assertEquals(TU.replace(" ", ""), HexFormat.of().formatHex(out.get(0).payload()));
        assertTrue(out.get(0).keyframe());
        assertEquals(90, out.get(0).rtpTimestamp());
    }

    @Test
    void av1FragmentsAcrossPacketsWithW() {
        // the same unit split mid-OBU: packet 1 W=2 Y=1 (TD dropped by the sender), packet 2 Z=1 W=1, packet 3 Z=1 W=1
        Av1Depacketizer d = new Av1Depacketizer();
        assertTrue(d.push(packet("60 0c 08" + SEQ + " 30 10", false, 5)).isEmpty());  // 60: Y=1 W=2
        assertTrue(d.push(packet("d0 aa", false, 5)).isEmpty());                       // d0: Z=1 Y=1 W=1
        List<DepacketizedFrame> out = d.push(packet("90 bb", true, 5));                 // 90: Z=1 W=1
        assertEquals(1, out.size(), d.stats().toString());
        assertEquals(TU.replace(" ", ""), HexFormat.of().formatHex(out.get(0).payload()));
        assertTrue(out.get(0).keyframe(), "sequence header + KEY_FRAME although N=0");
    }

    @Test
    void av1ElementThatKeepsItsSizeField() {
        Av1Depacketizer d = new Av1Depacketizer();
        List<DepacketizedFrame> out = d.push(packet("28 0c 08" + SEQ + " 32 03 10 aa bb", true, 1));  // W=2 N=1
        assertEquals(TU.replace(" ", ""), HexFormat.of().formatHex(out.get(0).payload()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'obu_size disagrees with the element',    '18 32 05 10 aa bb'",
        "'element length past the end',            '08 09 30 10'",
        "'obu_forbidden_bit',                      '18 b0 10'",
        "'W=2 but one element',                    '28 03 30 10 aa'",
        "'empty element',                          '08 00'",
        "'element length leb128 runs off the end', '08 ff ff'",
        "'aggregation header only',                '08'",
        "'extension flag without its byte',        '18 34'",
        "'Y=1 on the marker packet',               '58 30 10'",
    })
    void av1MalformedPayloadsAreCountedDrops(String name, String hex) {
        Av1Depacketizer d = new Av1Depacketizer();
        assertTrue(d.push(packet(hex, true, 3)).isEmpty());
        assertEquals(1, d.stats().dropped(DropReason.MALFORMED), d.stats().toString());
        // and the next good key unit is delivered
        assertEquals(1, d.push(packet("08 0c 08" + SEQ + " 04 30 10 aa bb", true, 4)).size(), d.stats().toString());
    }

    @Test
    void av1ContinuationWithoutStartIsCountedOnce() {
        Av1Depacketizer d = new Av1Depacketizer();
        assertTrue(d.push(packet("d0 aa", false, 9)).isEmpty());
        assertTrue(d.push(packet("d0 aa", false, 9)).isEmpty());
        assertTrue(d.push(packet("90 bb", true, 9)).isEmpty());
        assertEquals(1, d.stats().dropped(DropReason.FRAGMENT_WITHOUT_START), d.stats().toString());
        assertEquals(1, d.stats().dropped());
    }

    @Test
    void av1InterUnitBeforeAnyKeyFrameWaits() {
        Av1Depacketizer d = new Av1Depacketizer();
        assertTrue(d.push(packet("10 30 30 aa", true, 1)).isEmpty());  // FRAME with frame_type INTER
        assertEquals(1, d.stats().dropped(DropReason.WAITING_FOR_KEYFRAME));
        assertTrue(d.waitingForKeyframe());
    }

    // ---- VP8 / VP9 frame boundaries

    @Test
    void vp8FrameOverThreePacketsAndKeyFlagFromThePBit() {
        Vp8Depacketizer d = new Vp8Depacketizer();
        assertTrue(d.push(packet("90 80 80 01 50 aa", false, 10)).isEmpty());  // S PID 0, frame tag P=0: key
        assertTrue(d.push(packet("80 80 80 01 bb", false, 10)).isEmpty());
        List<DepacketizedFrame> out = d.push(packet("81 80 80 01 cc", true, 10));   // PID 1 continuation, marker
        assertEquals("50aabbcc", HexFormat.of().formatHex(out.get(0).payload()));
        assertTrue(out.get(0).keyframe());
        out = d.push(packet("10 51 dd", true, 20));  // P=1: inter frame
        assertFalse(out.get(0).keyframe());
    }

    @Test
    void vp8MissingMarkerBeforeTheNextFrameDropsTheOpenFrame() {
        Vp8Depacketizer d = new Vp8Depacketizer();
        d.push(packet("10 50 aa", false, 10));
        d.push(packet("10 50 bb", false, 20));
        assertEquals(1, d.stats().dropped(DropReason.MALFORMED), d.stats().toString());
        assertEquals(1, d.push(packet("00 cc", true, 20)).size());
    }

    @Test
    void vp9EndBitEndsTheFrameWithoutMarker() {
        Vp9Depacketizer d = new Vp9Depacketizer();
        // 8c: I B E, picture id 1; a VP9 key frame header: 82 49 83 42 00 13 f0 0e f0 (320x240)
        List<DepacketizedFrame> out = d.push(packet("8c 01 82 49 83 42 00 13 f0 0e f0", false, 0));
        assertEquals(1, out.size(), d.stats().toString());
        assertTrue(out.get(0).keyframe());
        // P=0 but the uncompressed header says NON_KEY (intra-only or an encoder that never sets P, like ffmpeg)
        out = d.push(packet("8c 02 86 00", false, 3000));
        assertFalse(out.get(0).keyframe());
    }

    @Test
    void vp9NonKeyHeaderOnAPZeroFrameStillDeliveredAfterAKeyFrame() {
        Vp9Depacketizer d = new Vp9Depacketizer();
        assertTrue(d.push(packet("8c 02 86 00", true, 0)).isEmpty());
        assertEquals(1, d.stats().dropped(DropReason.WAITING_FOR_KEYFRAME));
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"VP8", "VP9", "AV1"})
    void constructorRejectsANonPositiveMaximum(Codec codec) {
        assertThrows(IllegalArgumentException.class, () -> RtpVideoSources.depacketizer(codec, 0));
    }

    @Test
    void packetizersRejectAMaxPayloadTooSmallForTheirHeaders() {
        io.camelmedia.frame.Track t = io.camelmedia.frame.Track.builder(1, Codec.VP8).build();
        io.camelmedia.frame.MediaFrame f = io.camelmedia.frame.MediaFrame.of(t, 0, 0, true,
                io.camelmedia.frame.BitstreamFormat.RAW, new byte[] {0x10, 1, 2});
        assertThrows(RtpException.class, () -> new Vp8Packetizer(0).packetize(f, 4));
    }
}
