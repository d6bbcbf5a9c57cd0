package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.MediaFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Raw AAC frames to RFC 3640 AAC-hbr payloads (sizelength 13, indexlength 3): one AU per packet, or
 * fragments of one AU when it is larger than the payload size (§3.2.3), each fragment with an AU header
 * carrying the whole AU size. The matching fmtp is
 * {@code streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=<hex>}.
 */
public final class AacPacketizer implements Packetizer {
    /** AU-headers-length (16 bits) and one 16-bit AU header. */
    private static final int HEADER = 4;
    /** AU-headers-length value: one header of 13 + 3 bits. */
    private static final int HEADERS_BITS = 16;
    /** sizelength 13: the largest AU size the header can carry. */
    private static final int MAX_AU_SIZE = (1 << 13) - 1;

    @Override
    public List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        int size = frame.payloadLength();
        if (size > MAX_AU_SIZE) {
            throw new IllegalArgumentException("AAC frame of " + size + " bytes exceeds the 13-bit AU-size");
        }
        if (maxPayloadSize <= HEADER) {
            throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " cannot carry an AU");
        }
        List<byte[]> out = new ArrayList<>(1 + size / maxPayloadSize);
        int pos = 0;
        do {
            int n = Math.min(maxPayloadSize - HEADER, size - pos);
            byte[] p = new byte[HEADER + n];
            p[0] = 0;
            p[1] = HEADERS_BITS;
            p[2] = (byte) (size >>> 5);          // AU-size, 13 bits
            p[3] = (byte) ((size & 0x1F) << 3);  // then AU-Index 0, 3 bits
            frame.copyPayload(pos, p, HEADER, n);
            out.add(p);
            pos += n;
        } while (pos < size);
        return out;
    }
}
