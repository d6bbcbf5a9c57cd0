package io.camelmedia.protocol.rtp.rtcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RTCP compound packet (RFC 3550 §6.1): one UDP datagram holding RTCP packets back to back.
 * {@link #decode} applies the validity checks of Appendix A.2 that matter to a receiver — version 2, each
 * length within the datagram, padding only where its count fits — but not "SR or RR first", which
 * reduced-size RTCP (RFC 5506) drops. Known types become their classes; other types in 192..223 become
 * {@link UnsupportedRtcpPacket}; a type outside that range is not RTCP and fails the datagram.
 */
public final class RtcpCompoundPacket {
    /** Packets in one compound: a 1500-byte datagram holds at most 375 four-byte packets; real ones hold 2-5. */
    public static final int MAX_PACKETS = 64;
    private static final String STRUCTURE = "RTCP";
    private static final int P_BIT = 0x20;
    private static final int COUNT_MASK = 0x1F;

    private RtcpCompoundPacket() {
    }

    public static List<RtcpPacket> decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes every packet in {@code buf[offset, offset+length)}.
     *
     * @throws RtcpException naming the packet type, field, value and offset when any packet is malformed
     */
    public static List<RtcpPacket> decode(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        List<RtcpPacket> out = new ArrayList<>(4);
        int pos = 0;
        if (length == 0) {
            throw RtcpException.truncatedField(STRUCTURE, "header", RtcpBytes.HEADER_LENGTH, 0, 0, buf, offset);
        }
        while (pos < length) {
            if (out.size() == MAX_PACKETS) {
                throw new RtcpException(STRUCTURE + ": more than " + MAX_PACKETS + " packets in one compound packet");
            }
            int abs = offset + pos;
            if (length - pos < RtcpBytes.HEADER_LENGTH) {
                throw RtcpException.truncatedField(STRUCTURE, "header", RtcpBytes.HEADER_LENGTH, length - pos, pos, buf, abs);
            }
            int b0 = buf[abs] & 0xFF;
            if (b0 >>> 6 != RtcpBytes.VERSION) {
                throw RtcpException.invalidField(STRUCTURE, "version", b0 >>> 6, "must be 2", pos);
            }
            int pt = buf[abs + 1] & 0xFF;
            if (!RtcpPacketType.isRtcp(pt)) {
                throw RtcpException.invalidField(STRUCTURE, "packet type", pt, "RTCP types are 192..223", pos + 1);
            }
            int packetLength = (RtcpBytes.u16(buf, abs + 2) + 1) * 4;
            if (packetLength > length - pos) {
                throw RtcpException.truncatedField(STRUCTURE, "packet type " + pt + " length", packetLength, length - pos,
                        pos, buf, abs);
            }
            int contentLength = packetLength;
            if ((b0 & P_BIT) != 0) {
                int pad = buf[abs + packetLength - 1] & 0xFF;
                if (pad == 0 || pad > packetLength - RtcpBytes.HEADER_LENGTH) {
                    throw RtcpException.invalidField(STRUCTURE, "padding count", pad,
                            "must be 1.." + (packetLength - RtcpBytes.HEADER_LENGTH), pos + packetLength - 1);
                }
                contentLength -= pad;
            }
            out.add(decodeOne(buf, abs, contentLength, pt, b0 & COUNT_MASK, pos));
            pos += packetLength;
        }
        return out;
    }

    private static RtcpPacket decodeOne(byte[] buf, int abs, int length, int pt, int count, int pos) {
        return switch (pt) {
            case RtcpPacketType.SR -> SenderReport.decode(buf, abs, length, count, pos);
            case RtcpPacketType.RR -> ReceiverReport.decode(buf, abs, length, count, pos);
            case RtcpPacketType.SDES -> SourceDescription.decode(buf, abs, length, count, pos);
            case RtcpPacketType.BYE -> Bye.decode(buf, abs, length, count, pos);
            case RtcpPacketType.RTPFB -> count == GenericNack.FMT ? GenericNack.decode(buf, abs, length, pos)
                    : new UnsupportedRtcpPacket(pt, count, java.util.Arrays.copyOfRange(buf, abs, abs + length));
            case RtcpPacketType.PSFB -> count == PictureLossIndication.FMT ? PictureLossIndication.decode(buf, abs, length, pos)
                    : count == FullIntraRequest.FMT ? FullIntraRequest.decode(buf, abs, length, pos)
                    : new UnsupportedRtcpPacket(pt, count, java.util.Arrays.copyOfRange(buf, abs, abs + length));
            default -> new UnsupportedRtcpPacket(pt, count, java.util.Arrays.copyOfRange(buf, abs, abs + length));
        };
    }

    /** Total bytes of {@code packets} back to back. */
    public static int encodedLength(List<? extends RtcpPacket> packets) {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.encodedLength();
        }
        return n;
    }

    /** The compound packet of {@code packets}, in order (RFC 3550 §6.1: SR or RR first, then SDES with CNAME). */
    public static byte[] encode(List<? extends RtcpPacket> packets) {
        byte[] out = new byte[encodedLength(packets)];
        int p = 0;
        for (RtcpPacket r : packets) {
            p += r.encode(out, p);
        }
        return out;
    }

    /**
     * True when a datagram on a muxed RTP/RTCP port is RTCP (RFC 5761 §4: the second octet, with the marker bit,
     * is in 192..223; RTP payload types 64..95 are avoided for that reason).
     */
    public static boolean looksLikeRtcp(byte[] buf, int offset, int length) {
        return length >= RtcpBytes.HEADER_LENGTH && (buf[offset] & 0xC0) == 0x80
                && RtcpPacketType.isRtcp(buf[offset + 1] & 0xFF);
    }
}
