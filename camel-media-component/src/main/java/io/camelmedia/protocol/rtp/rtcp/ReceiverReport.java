package io.camelmedia.protocol.rtp.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * RR: Receiver Report (RFC 3550 §6.4.2), PT 201: the reporter's SSRC and RC report blocks.
 * <pre>
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * |                     SSRC of packet sender                     |
 * |                 report blocks (RC x 24 bytes)                 |
 * </pre>
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reportBlocks) implements RtcpPacket {
    /** RC is 5 bits. */
    public static final int MAX_REPORT_BLOCKS = 31;

    public ReceiverReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > MAX_REPORT_BLOCKS) {
            throw new IllegalArgumentException("at most " + MAX_REPORT_BLOCKS + " report blocks");
        }
    }

    static ReceiverReport decode(byte[] b, int offset, int length, int count, int relOffset) {
        int need = RtcpBytes.HEADER_LENGTH + 4 + count * ReportBlock.LENGTH;
        if (need > length) {
            throw RtcpException.truncatedField("RR", "SSRC and " + count + " report blocks", need, length, relOffset, b, offset);
        }
        int p = offset + RtcpBytes.HEADER_LENGTH;
        return new ReceiverReport(RtcpBytes.u32(b, p), decodeBlocks(b, p + 4, count));
    }

    static List<ReportBlock> decodeBlocks(byte[] b, int p, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.decode(b, p + i * ReportBlock.LENGTH));
        }
        return blocks;
    }

    static void encodeBlocks(List<ReportBlock> blocks, byte[] dst, int p) {
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).encode(dst, p + i * ReportBlock.LENGTH);
        }
    }

    @Override
    public int packetType() {
        return RtcpPacketType.RR;
    }

    @Override
    public int encodedLength() {
        return RtcpBytes.HEADER_LENGTH + 4 + reportBlocks.size() * ReportBlock.LENGTH;
    }

    @Override
    public int encode(byte[] dst, int offset) {
        int len = encodedLength();
        RtcpBytes.header(dst, offset, reportBlocks.size(), RtcpPacketType.RR, len);
        RtcpBytes.put32(dst, offset + RtcpBytes.HEADER_LENGTH, ssrc);
        encodeBlocks(reportBlocks, dst, offset + RtcpBytes.HEADER_LENGTH + 4);
        return len;
    }
}
