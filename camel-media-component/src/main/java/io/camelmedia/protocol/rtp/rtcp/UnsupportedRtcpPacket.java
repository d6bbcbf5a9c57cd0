package io.camelmedia.protocol.rtp.rtcp;

import java.util.Arrays;

/**
 * An RTCP packet of a type we do not interpret (APP, RTPFB, PSFB, XR, or any other in 192..223), kept whole
 * (header included, padding excluded) so it can be forwarded or logged.
 */
public record UnsupportedRtcpPacket(int packetType, int count, byte[] bytes) implements RtcpPacket {
    public UnsupportedRtcpPacket {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int encodedLength() {
        return bytes.length;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
        dst[offset] &= (byte) ~0x20;   // the P bit: padding was stripped
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnsupportedRtcpPacket u && u.packetType == packetType && u.count == count
                && Arrays.equals(u.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return packetType * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UnsupportedRtcpPacket[pt=" + packetType + " count=" + count + " " + bytes.length + "B]";
    }
}
