package io.camelmedia.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {
    /** ffmpeg 8 -c:a libopus -ssrc 305419896 -f rtp, first packet (talkspurt start: marker set). */
    static final String FFMPEG_OPUS_FIRST =
            "80" + "e1" + "0065" + "01cbde5d" + "12345678"   // V=2, M=1 PT=97, seq 101, ts 30137949, SSRC 0x12345678
            + "788201b76c4724ea02466ffab6038c8134d6e85e01eb1bb15eefc97818f20ab32141ccd1a69fe18a9b869d6b81ea049e"
            + "eb408a2b47502809d0465300744db69f7ac3f400f9";
    /** A header with 2 CSRCs, an RFC 8285 one-byte extension of one word, and 4 bytes of padding. */
    static final String CSRC_EXTENSION_PADDING =
            "b2" + "60" + "ffff" + "ffffffff" + "00000001"   // V=2 P X CC=2, M=0 PT=96, seq 65535, ts 2^32-1
            + "0000000a" + "0000000b"                          // CSRCs 10, 11
            + "bede" + "0001" + "10ff0000"                     // profile 0xBEDE, 1 word: id 1 len 1 value ff, pad
            + "41424344"                                       // payload "ABCD"
            + "00000004";                                      // padding, count 4

    static Stream<Arguments> realPackets() {
        return Stream.of(
                Arguments.of("ffmpeg opus first", FFMPEG_OPUS_FIRST, true, 97, 101, 0x01cbde5dL, 0x12345678L, 0, -1, 12, 69),
                Arguments.of("csrc+extension+padding", CSRC_EXTENSION_PADDING, false, 96, 65535, 0xFFFFFFFFL, 1L, 2, 0xBEDE, 28, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realPackets")
    void decodesEveryField(String name, String hex, boolean marker, int pt, int seq, long ts, long ssrc, int cc,
                           int extProfile, int headerLength, int payloadLength) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        RtpPacket p = RtpPacket.decode(bytes);
        assertEquals(marker, p.marker());
        assertEquals(pt, p.payloadType());
        assertEquals(seq, p.sequenceNumber());
        assertEquals(ts, p.timestamp());
        assertEquals(ssrc, p.ssrc());
        assertEquals(cc, p.csrcCount());
        assertEquals(extProfile, p.extensionProfile());
        assertEquals(headerLength, p.headerLength());
        assertEquals(payloadLength, p.payloadLength());
        assertArrayEquals(bytes, p.encode(), "encode writes the packet back byte for byte");
        assertEquals(p, RtpPacket.decode(p.encode()));
        assertEquals(p, p.toBuilder().build(), "the builder rebuilds the same bytes");
    }

    @Test
    void csrcsExtensionAndPaddingAreExposedAndStripped() {
        RtpPacket p = RtpPacket.decode(HexFormat.of().parseHex(CSRC_EXTENSION_PADDING));
        assertArrayEquals(new long[] {10, 11}, p.csrcs());
        assertArrayEquals(HexFormat.of().parseHex("10ff0000"), p.extensionBytes());
        assertEquals(4, p.paddingLength());
        assertArrayEquals("ABCD".getBytes(), p.payloadBytes());
    }

    @Test
    void decodesAtAnOffsetInsideALargerBufferWithoutTouchingIt() {
        byte[] packet = HexFormat.of().parseHex(CSRC_EXTENSION_PADDING);
        byte[] big = new byte[packet.length + 20];
        new Random(1).nextBytes(big);
        System.arraycopy(packet, 0, big, 7, packet.length);
        byte[] before = big.clone();
        RtpPacket p = RtpPacket.decode(big, 7, packet.length);
        assertEquals(65535, p.sequenceNumber());
        assertArrayEquals("ABCD".getBytes(), p.payloadBytes());
        assertArrayEquals(packet, p.encode());
        assertArrayEquals(before, big, "decode never writes into the caller's bytes");
    }

    static Stream<Arguments> badPackets() {
        return Stream.of(
                Arguments.of("empty", "", "fixed header needs 12 bytes but only 0"),
                Arguments.of("11-byte header", "8060000100000001000000", "fixed header needs 12 bytes but only 11"),
                Arguments.of("version 1", "406000010000000100000001", "version 1 is invalid"),
                Arguments.of("CSRC count 15 past the end", "8f6000010000000100000001aabbccdd", "CSRC count 15 needs 60 bytes but only 4 are left at offset 12"),
                Arguments.of("extension header cut", "9060000100000001000000010102", "extension header needs 4 bytes but only 2"),
                Arguments.of("extension length past the end", "906000010000000100000001bede00ff00000000", "extension length 255 needs 1020 bytes but only 4 are left at offset 16"),
                Arguments.of("padding count past the end", "a0600001000000010000000141424309", "padding count 9 is invalid"),
                Arguments.of("padding count zero", "a0600001000000010000000141424300", "padding count 0 is invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPackets")
    void rejectsWithFieldValueAndOffset(String name, String hex, String message) {
        RtpException e = assertThrows(RtpException.class, () -> RtpPacket.decode(HexFormat.of().parseHex(hex)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void builderEncodesWhatItIsGiven() {
        RtpPacket p = RtpPacket.builder().marker(true).payloadType(111).sequenceNumber(70_000).timestamp(-1L)
                .ssrc(0xDEADBEEFL).extension(0x1000, new byte[] {1, 2, 3}).payload(new byte[] {9, 8}).padding(3).build();
        assertTrue(p.marker());
        assertEquals(111, p.payloadType());
        assertEquals(70_000 & 0xFFFF, p.sequenceNumber());
        assertEquals(0xFFFFFFFFL, p.timestamp());
        assertEquals(0xDEADBEEFL, p.ssrc());
        assertEquals(0x1000, p.extensionProfile());
        assertArrayEquals(new byte[] {1, 2, 3, 0}, p.extensionBytes());
        assertArrayEquals(new byte[] {9, 8}, p.payloadBytes());
        assertEquals(3, p.paddingLength());
        assertEquals(12 + 8 + 2 + 3, p.encodedLength());
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().payloadType(128));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.builder().csrcs(new long[16]));
    }

    /** Random bytes and mutations of real packets: success or RtpException, and a decoded packet re-encodes stably. */
    @Test
    void fuzz() {
        Random rnd = new Random(4);
        byte[][] seeds = {HexFormat.of().parseHex(FFMPEG_OPUS_FIRST), HexFormat.of().parseHex(CSRC_EXTENSION_PADDING)};
        int decoded = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(64)];
                rnd.nextBytes(b);
                if (b.length > 0) {
                    b[0] = (byte) (0x80 | (b[0] & 0x3F));   // mostly version 2, to reach the deeper checks
                }
            } else {
                byte[] s = seeds[rnd.nextInt(seeds.length)];
                b = java.util.Arrays.copyOf(s, rnd.nextInt(s.length + 1));
                for (int k = rnd.nextInt(4); k > 0 && b.length > 0; k--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            try {
                RtpPacket p = RtpPacket.decode(b);
                decoded++;
                assertTrue(p.headerLength() + p.payloadLength() + p.paddingLength() == b.length);
                assertEquals(p, RtpPacket.decode(p.encode()));
                if (p.paddingLength() == 0) {   // the builder writes zero padding; the wire may carry anything
                    assertEquals(p, p.toBuilder().build());
                }
            } catch (RtpException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
        assertTrue(decoded > 1000, "the fuzz reaches valid packets too: " + decoded);
    }
}
