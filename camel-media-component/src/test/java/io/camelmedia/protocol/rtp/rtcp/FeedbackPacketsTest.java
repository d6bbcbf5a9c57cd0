package io.camelmedia.protocol.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4585 NACK and PLI, RFC 5104 FIR: bytes per the RFC diagrams, round trips, reduced-size compounds. */
class FeedbackPacketsTest {

    @Test
    void nackBytesFollowTheRfcDiagram() {
        GenericNack n = new GenericNack(0x11111111L, 0x22222222L, List.of(100, 101, 103, 116, 117));
        byte[] b = RtcpCompoundPacket.encode(List.of(n));
        assertEquals("81cd0004" // V=2 FMT=1, PT=205, length 4 words - 1
                + "11111111" + "22222222"
                + "0064" + "8005"   // PID 100, BLP: 101 (bit 0), 103 (bit 2), 116 (bit 15)
                + "0075" + "0000",  // PID 117
                HexFormat.of().formatHex(b));
        GenericNack back = assertInstanceOf(GenericNack.class, RtcpCompoundPacket.decode(b).get(0));
        assertEquals(List.of(100, 101, 103, 116, 117), back.lostSequenceNumbers());
    }

    @Test
    void nackWrapsAroundSequenceZero() {
        GenericNack n = new GenericNack(1, 2, List.of(65534, 65535, 0, 1));
        GenericNack back = (GenericNack) RtcpCompoundPacket.decode(RtcpCompoundPacket.encode(List.of(n))).get(0);
        assertEquals(List.of(65534, 65535, 0, 1), back.lostSequenceNumbers());
    }

    @Test
    void pliAndFirRoundTripInAReducedSizeCompound() {
        byte[] b = RtcpCompoundPacket.encode(List.of(new PictureLossIndication(5, 6), new FullIntraRequest(5, 6, 9)));
        assertEquals("81ce0002" + "00000005" + "00000006", HexFormat.of().formatHex(b, 0, 12));
        List<RtcpPacket> back = RtcpCompoundPacket.decode(b);
        assertEquals(new PictureLossIndication(5, 6), back.get(0));
        assertEquals(new FullIntraRequest(5, 6, 9), back.get(1));
    }

    @Test
    void truncatedFeedbackIsTheModulesException() {
        byte[] b = HexFormat.of().parseHex("81cd000111111111");
        assertThrows(RtcpException.class, () -> RtcpCompoundPacket.decode(b));
        byte[] fir = HexFormat.of().parseHex("84ce00020000000500000000");
        assertThrows(RtcpException.class, () -> RtcpCompoundPacket.decode(fir));
    }
}
