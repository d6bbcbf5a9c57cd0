package io.camelmedia.protocol.mjr;

import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.Objects;

/**
 * One RTP packet of a recording, in play-out order.
 *
 * @param rtp               the packet (padding and header extension are outside its payload)
 * @param extendedTimestamp the RTP timestamp unwrapped to 64 bits: {@code resets * 2^32 + timestamp}, with
 *                          {@code resets} starting at 1 so a late packet from before the first wrap stays
 *                          positive (as janus-pp-rec counts, though it multiplies by 2^32-1)
 * @param arrivalMillis     MJR00002 arrival offset (ms after the first record was written), -1 if unknown
 * @param fileOffset        byte offset of the RTP packet in the file (janus-pp-rec prints the same number)
 */
public record MjrPacket(RtpPacket rtp, long extendedTimestamp, long arrivalMillis, long fileOffset) {
    public MjrPacket {
        Objects.requireNonNull(rtp, "rtp");
    }

    public int sequenceNumber() {
        return rtp.sequenceNumber();
    }
}
