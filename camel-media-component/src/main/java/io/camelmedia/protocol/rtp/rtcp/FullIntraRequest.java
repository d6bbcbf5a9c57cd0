package io.camelmedia.protocol.rtp.rtcp;

/**
 * Full Intra Request (RFC 5104 §4.3.1: PSFB, FMT 4). The media SSRC of the common header is 0; the FCI names
 * the source and a command sequence number (a repeated request keeps its number):
 * <pre>
 * |                              SSRC                             |
 * | Seq nr.       |    Reserved                                   |
 * </pre>
 */
public record FullIntraRequest(long senderSsrc, long mediaSsrc, int sequenceNumber) implements RtcpPacket {
    public static final int FMT = 4;
    private static final int LENGTH = FeedbackPackets.FIXED_LENGTH + 8;

    static FullIntraRequest decode(byte[] buf, int abs, int length, int pos) {
        if (length < LENGTH) {
            throw RtcpException.truncatedField("RTCP FIR", "FCI", LENGTH, length, pos, buf, abs);
        }
        return new FullIntraRequest(RtcpBytes.u32(buf, abs + 4), RtcpBytes.u32(buf, abs + 12), buf[abs + 16] & 0xFF);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.PSFB;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        FeedbackPackets.writeFixed(dst, offset, FMT, RtcpPacketType.PSFB, LENGTH, senderSsrc, 0);
        RtcpBytes.put32(dst, offset + 12, mediaSsrc);
        dst[offset + 16] = (byte) sequenceNumber;
        dst[offset + 17] = 0;
        dst[offset + 18] = 0;
        dst[offset + 19] = 0;
        return LENGTH;
    }
}
