package io.camelmedia.protocol.rtp.rtcp;

/**
 * One packet of an RTCP compound packet (RFC 3550 §6.4). Every type shares the common header:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * {@code length} is the packet's size in 32-bit words minus one, header included.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, GenericNack,
        PictureLossIndication, FullIntraRequest, UnsupportedRtcpPacket {
    /** The PT field. */
    int packetType();

    /** Bytes {@link #encode} writes (a multiple of 4). */
    int encodedLength();

    /** Writes the packet at {@code dst[offset..]}; returns {@link #encodedLength()}. */
    int encode(byte[] dst, int offset);
}
