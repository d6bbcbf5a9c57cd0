package io.camelmedia.protocol.rtp.rtcp;

import java.util.List;

/**
 * SR: Sender Report (RFC 3550 §6.4.1), PT 200:
 * <pre>
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * |                         SSRC of sender                        |
 * |              NTP timestamp, most significant word             |
 * |             NTP timestamp, least significant word             |
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * |                 report blocks (RC x 24 bytes)                 |
 * |                  profile-specific extensions                  |
 * </pre>
 * The NTP/RTP timestamp pair is what lines up the clocks of several tracks (§6.4.1: "the same time as the
 * NTP timestamp"). Profile-specific extensions are skipped on decode and not written.
 *
 * @param ntpTimestamp 64-bit NTP time (seconds since 1900 &lt;&lt; 32 | fraction); see {@link NtpTime}
 * @param rtpTimestamp the same instant on the RTP clock (32 bits unsigned)
 * @param packetCount  RTP data packets sent since the start (32 bits unsigned, wraps)
 * @param octetCount   payload octets sent since the start (32 bits unsigned, wraps)
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reportBlocks) implements RtcpPacket {
    static final int SENDER_INFO_LENGTH = 24;   // SSRC + NTP(8) + RTP + packets + octets

    public SenderReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > ReceiverReport.MAX_REPORT_BLOCKS) {
            throw new IllegalArgumentException("at most " + ReceiverReport.MAX_REPORT_BLOCKS + " report blocks");
        }
    }

    static SenderReport decode(byte[] b, int offset, int length, int count, int relOffset) {
        int need = RtcpBytes.HEADER_LENGTH + SENDER_INFO_LENGTH + count * ReportBlock.LENGTH;
        if (need > length) {
            throw RtcpException.truncatedField("SR", "sender info and " + count + " report blocks", need, length,
                    relOffset, b, offset);
        }
        int p = offset + RtcpBytes.HEADER_LENGTH;
        return new SenderReport(RtcpBytes.u32(b, p), RtcpBytes.u64(b, p + 4), RtcpBytes.u32(b, p + 12),
                RtcpBytes.u32(b, p + 16), RtcpBytes.u32(b, p + 20),
                ReceiverReport.decodeBlocks(b, p + SENDER_INFO_LENGTH, count));
    }

    @Override
    public int packetType() {
        return RtcpPacketType.SR;
    }

    @Override
    public int encodedLength() {
        return RtcpBytes.HEADER_LENGTH + SENDER_INFO_LENGTH + reportBlocks.size() * ReportBlock.LENGTH;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        int len = encodedLength();
        RtcpBytes.header(dst, offset, reportBlocks.size(), RtcpPacketType.SR, len);
        int p = offset + RtcpBytes.HEADER_LENGTH;
        RtcpBytes.put32(dst, p, ssrc);
        RtcpBytes.put64(dst, p + 4, ntpTimestamp);
        RtcpBytes.put32(dst, p + 12, rtpTimestamp);
        RtcpBytes.put32(dst, p + 16, packetCount);
        RtcpBytes.put32(dst, p + 20, octetCount);
        ReceiverReport.encodeBlocks(reportBlocks, dst, p + SENDER_INFO_LENGTH);
        return len;
    }
}
