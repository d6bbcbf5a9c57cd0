package io.camelmedia.protocol.rtp.rtcp;

/**
 * RTCP packet types (RFC 3550 §12.1 and later registrations). An open registry, so plain constants: any
 * type in {@link #FIRST}..{@link #LAST} parses, the unknown ones as {@link UnsupportedRtcpPacket}.
 */
public final class RtcpPacketType {
    /** RFC 5761 §4: RTCP types live in 192..223 so they can share a port with RTP payload types. */
    public static final int FIRST = 192;
    public static final int LAST = 223;
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** RFC 4585 transport-layer feedback (NACK, TWCC). */
    public static final int RTPFB = 205;
    /** RFC 4585 payload-specific feedback (PLI, FIR, REMB). */
    public static final int PSFB = 206;
    /** RFC 3611 extended reports. */
    public static final int XR = 207;

    private RtcpPacketType() {
    }

    public static boolean isRtcp(int packetType) {
        return packetType >= FIRST && packetType <= LAST;
    }
}
