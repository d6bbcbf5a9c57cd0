package io.camelmedia.protocol.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpCompoundPacketTest {
    /** ffmpeg 8 -f rtp -ssrc 305419896 -cname camel@test: its first RTCP datagram (to port+1). */
    static final String FFMPEG_SR_SDES =
            "80c80006" + "12345678"          // SR, RC=0, length 6 words; sender SSRC
            + "eeabbd90e189374b"             // NTP timestamp
            + "01cbde8d"                     // RTP timestamp 30137997
            + "00000000" + "00000000"        // packet count 0, octet count 0
            + "81ca0005" + "12345678"        // SDES, SC=1, length 5; chunk SSRC
            + "010a" + "63616d656c4074657374" // CNAME, 10 bytes "camel@test"
            + "00000000";                    // END + padding

    @Test
    void decodesFfmpegSenderReportAndCname() {
        byte[] bytes = HexFormat.of().parseHex(FFMPEG_SR_SDES);
        List<RtcpPacket> packets = RtcpCompoundPacket.decode(bytes);
        assertEquals(2, packets.size());
        SenderReport sr = assertInstanceOf(SenderReport.class, packets.get(0));
        assertEquals(0x12345678L, sr.ssrc());
        assertEquals(0xeeabbd90e189374bL, sr.ntpTimestamp());
        assertEquals(0x01cbde8dL, sr.rtpTimestamp());
        assertEquals(0, sr.packetCount());
        assertTrue(sr.reportBlocks().isEmpty());
        long unixSeconds = NtpTime.toUnixMicros(sr.ntpTimestamp()) / 1_000_000;
        assertTrue(unixSeconds > 1_700_000_000L, "a wall-clock time in this era: " + unixSeconds);
        SourceDescription sdes = assertInstanceOf(SourceDescription.class, packets.get(1));
        assertEquals("camel@test", sdes.cnameOf(0x12345678L).orElseThrow());
        assertArrayEquals(bytes, RtcpCompoundPacket.encode(packets), "encoders write ffmpeg's bytes back");
        assertTrue(RtcpCompoundPacket.looksLikeRtcp(bytes, 0, bytes.length));
    }

    @Test
    void roundTripsEveryTypeWeWrite() {
        ReportBlock block = new ReportBlock(0xCAFEBABEL, 25, -3, 0x0001_0010L, 120, 0x1234_5678L, 65536);
        List<RtcpPacket> packets = List.of(
                new SenderReport(1, NtpTime.fromUnixMicros(1_700_000_000_123_456L), 90_000, 10, 12_000, List.of(block)),
                new ReceiverReport(2, List.of(block, block)),
                SourceDescription.cname(1, "ünïcode@host"),
                new Bye(List.of(1L, 2L), "done"),
                Bye.of(3));
        byte[] bytes = RtcpCompoundPacket.encode(packets);
        assertEquals(0, bytes.length % 4);
        assertEquals(packets, RtcpCompoundPacket.decode(bytes));
        assertEquals(1_700_000_000_123_456L, NtpTime.toUnixMicros(NtpTime.fromUnixMicros(1_700_000_000_123_456L)), 1.0);
    }

    @Test
    void keepsUnknownTypesAndStripsPadding() {
        // PSFB FMT 15 (application layer feedback, e.g. REMB: not interpreted), then an RR with the P bit and 4
        // bytes of padding
        byte[] bytes = HexFormat.of().parseHex("8fce0002" + "00000001" + "00000002" + "a0c90002" + "00000009" + "00000004");
        List<RtcpPacket> packets = RtcpCompoundPacket.decode(bytes);
        UnsupportedRtcpPacket afb = assertInstanceOf(UnsupportedRtcpPacket.class, packets.get(0));
        assertEquals(RtcpPacketType.PSFB, afb.packetType());
        assertEquals(15, afb.count());
        assertEquals(12, afb.bytes().length);
        assertEquals(new ReceiverReport(9, List.of()), packets.get(1));
    }

    static Stream<Arguments> badCompounds() {
        return Stream.of(
                Arguments.of("empty", "", "header needs 4 bytes but only 0"),
                Arguments.of("version 1", "40c90001" + "00000001", "version 1 is invalid"),
                Arguments.of("RTP payload type, not RTCP", "80600001" + "00000001", "packet type 96 is invalid"),
                Arguments.of("length past the end", "80c900ff" + "00000001", "length needs 1024 bytes but only 8"),
                Arguments.of("RR count past its length", "81c90001" + "00000001", "RR: SSRC and 1 report blocks needs 32 bytes but only 8"),
                Arguments.of("SR cut", "80c80002" + "0000000100000002", "SR: sender info and 0 report blocks needs 28"),
                Arguments.of("SDES item past the end", "81ca0002" + "00000001" + "01ff0000", "SDES: item type 1 needs 257"),
                Arguments.of("BYE reason past the end", "81cb0002" + "00000001" + "09414243", "BYE: reason needs 9"),
                Arguments.of("padding count past the packet", "a0c90001" + "000000ff", "padding count 255 is invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCompounds")
    void rejectsWithTypeFieldAndOffset(String name, String hex, String message) {
        RtcpException e = assertThrows(RtcpException.class, () -> RtcpCompoundPacket.decode(HexFormat.of().parseHex(hex)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fuzz() {
        Random rnd = new Random(11);
        byte[] seed = HexFormat.of().parseHex(FFMPEG_SR_SDES);
        byte[] seed2 = RtcpCompoundPacket.encode(List.of(new ReceiverReport(2, List.of(
                new ReportBlock(1, 2, 3, 4, 5, 6, 7))), new Bye(List.of(1L), "x")));
        int ok = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] s = rnd.nextBoolean() ? seed : seed2;
            byte[] b = java.util.Arrays.copyOf(s, rnd.nextInt(s.length + 8));
            for (int k = rnd.nextInt(4); k > 0 && b.length > 0; k--) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                List<RtcpPacket> packets = RtcpCompoundPacket.decode(b);
                ok++;
                assertEquals(packets, RtcpCompoundPacket.decode(RtcpCompoundPacket.encode(packets)));
            } catch (RtcpException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
        assertTrue(ok > 1000, "valid compounds reached: " + ok);
    }
}
