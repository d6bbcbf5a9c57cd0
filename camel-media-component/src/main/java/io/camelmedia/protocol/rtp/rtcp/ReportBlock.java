package io.camelmedia.protocol.rtp.rtcp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes:
 * <pre>
 * |                 SSRC_1 (SSRC of first source)                 |
 * | fraction lost |       cumulative number of packets lost       |
 * |           extended highest sequence number received           |
 * |                      interarrival jitter                      |
 * |                         last SR (LSR)                         |
 * |                   delay since last SR (DLSR)                  |
 * </pre>
 *
 * @param ssrc                    the source reported on (32 bits unsigned)
 * @param fractionLost            lost fraction since the last report, in 1/256 (8 bits)
 * @param cumulativeLost          packets lost since the start, 24-bit signed (duplicates can make it negative)
 * @param extendedHighestSequence cycles &lt;&lt; 16 | highest sequence number (32 bits unsigned)
 * @param jitter                  interarrival jitter in RTP timestamp units (32 bits unsigned)
 * @param lastSr                  middle 32 bits of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSr        in 1/65536 s since that SR arrived, 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                          long lastSr, long delaySinceLastSr) {
    static final int LENGTH = 24;
    /** cumulative number of packets lost is a signed 24-bit field. */
    private static final int MIN_LOST = -(1 << 23);
    private static final int MAX_LOST = (1 << 23) - 1;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 0xFF) {
            throw new IllegalArgumentException("fraction lost must be 0..255, was " + fractionLost);
        }
        if (cumulativeLost < MIN_LOST || cumulativeLost > MAX_LOST) {
            throw new IllegalArgumentException("cumulative lost must be a signed 24-bit value, was " + cumulativeLost);
        }
    }

    static ReportBlock decode(byte[] b, int i) {
        int lost = RtcpBytes.u24(b, i + 5);
        if ((lost & 0x80_0000) != 0) {
            lost |= 0xFF00_0000;   // sign-extend 24 bits
        }
        return new ReportBlock(RtcpBytes.u32(b, i), RtcpBytes.u8(b, i + 4), lost, RtcpBytes.u32(b, i + 8),
                RtcpBytes.u32(b, i + 12), RtcpBytes.u32(b, i + 16), RtcpBytes.u32(b, i + 20));
    }

    void encode(byte[] b, int i) {
        RtcpBytes.put32(b, i, ssrc);
        b[i + 4] = (byte) fractionLost;
        RtcpBytes.put24(b, i + 5, cumulativeLost & 0xFF_FFFF);
        RtcpBytes.put32(b, i + 8, extendedHighestSequence);
        RtcpBytes.put32(b, i + 12, jitter);
        RtcpBytes.put32(b, i + 16, lastSr);
        RtcpBytes.put32(b, i + 20, delaySinceLastSr);
    }
}
