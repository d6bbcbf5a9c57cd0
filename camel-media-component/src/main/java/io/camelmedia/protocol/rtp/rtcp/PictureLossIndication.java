package io.camelmedia.protocol.rtp.rtcp;

/**
 * Picture Loss Indication (RFC 4585 §6.3.1: PSFB, FMT 1, no FCI): the receiver cannot decode and asks the
 * sender for a key frame.
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {
    public static final int FMT = 1;

    static PictureLossIndication decode(byte[] buf, int abs, int length, int pos) {
        FeedbackPackets.requireFixed("RTCP PLI", buf, abs, length, pos);
        return new PictureLossIndication(RtcpBytes.u32(buf, abs + 4), RtcpBytes.u32(buf, abs + 8));
    }

    @Override
    public int packetType() {
        return RtcpPacketType.PSFB;
    }

    @Override
    public int encodedLength() {
        return FeedbackPackets.FIXED_LENGTH;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        FeedbackPackets.writeFixed(dst, offset, FMT, RtcpPacketType.PSFB, FeedbackPackets.FIXED_LENGTH, senderSsrc, mediaSsrc);
        return FeedbackPackets.FIXED_LENGTH;
    }
}
