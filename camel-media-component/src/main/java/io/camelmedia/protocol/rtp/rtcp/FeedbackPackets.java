package io.camelmedia.protocol.rtp.rtcp;

/**
 * The common part of RFC 4585 §6.1 feedback messages (RTPFB 205, PSFB 206):
 * <pre>
 * |V=2|P|   FMT   |       PT      |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 */
final class FeedbackPackets {
    /** Header + both SSRCs. */
    static final int FIXED_LENGTH = 12;

    private FeedbackPackets() {
    }

    static void requireFixed(String structure, byte[] buf, int abs, int length, int pos) {
        if (length < FIXED_LENGTH) {
            throw RtcpException.truncatedField(structure, "SSRCs", FIXED_LENGTH, length, pos, buf, abs);
        }
    }

    /** Writes the header and both SSRCs; {@code total} is the packet's bytes. */
    static void writeFixed(byte[] dst, int offset, int fmt, int packetType, int total, long sender, long media) {
        RtcpBytes.header(dst, offset, fmt, packetType, total);
        RtcpBytes.put32(dst, offset + 4, sender);
        RtcpBytes.put32(dst, offset + 8, media);
    }
}
