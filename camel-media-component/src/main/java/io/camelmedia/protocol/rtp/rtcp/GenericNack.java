package io.camelmedia.protocol.rtp.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Generic NACK (RFC 4585 §6.2.1: RTPFB, FMT 1): the receiver asks for lost packets. Each FCI entry is a packet
 * id (PID) and a bitmask of the 16 following ones (BLP):
 * <pre>
 * |            PID                |             BLP               |
 * </pre>
 *
 * @param senderSsrc          who asks
 * @param mediaSsrc           whose packets are missing
 * @param lostSequenceNumbers the missing sequence numbers, in the order given (wrap-aware on decode)
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers) implements RtcpPacket {
    public static final int FMT = 1;
    /** FCI entries per packet: 64 entries cover 1088 packets, more than any bounded retransmission history. */
    public static final int MAX_ENTRIES = 64;
    private static final String STRUCTURE = "RTCP NACK";

    public GenericNack {
        lostSequenceNumbers = List.copyOf(lostSequenceNumbers);
        if (lostSequenceNumbers.isEmpty()) {
            throw new IllegalArgumentException("a NACK names at least one sequence number");
        }
    }

    static GenericNack decode(byte[] buf, int abs, int length, int pos) {
        FeedbackPackets.requireFixed(STRUCTURE, buf, abs, length, pos);
        int entries = (length - FeedbackPackets.FIXED_LENGTH) / 4;
        if (entries == 0) {
            throw RtcpException.truncatedField(STRUCTURE, "FCI", 4, 0, pos + 12, buf, abs);
        }
        if (entries > MAX_ENTRIES) {
            throw RtcpException.invalidField(STRUCTURE, "FCI entries", entries, "at most " + MAX_ENTRIES, pos + 12);
        }
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int at = abs + FeedbackPackets.FIXED_LENGTH + 4 * i;
            int pid = RtcpBytes.u16(buf, at);
            int blp = RtcpBytes.u16(buf, at + 2);
            lost.add(pid);
            for (int b = 0; b < 16; b++) {
                if ((blp & (1 << b)) != 0) {
                    lost.add((pid + b + 1) & 0xFFFF);
                }
            }
        }
        return new GenericNack(RtcpBytes.u32(buf, abs + 4), RtcpBytes.u32(buf, abs + 8), lost);
    }

    @Override
    public int packetType() {
        return RtcpPacketType.RTPFB;
    }

    /** PID/BLP pairs: each sequence number goes into the first entry whose PID it follows by 1..16. */
    private List<int[]> entries() {
        List<int[]> out = new ArrayList<>();
        for (int seq : lostSequenceNumbers) {
            boolean placed = false;
            for (int[] e : out) {
                int d = (seq - e[0]) & 0xFFFF;
                if (d == 0) {
                    placed = true;
                    break;
                }
                if (d <= 16) {
                    e[1] |= 1 << (d - 1);
                    placed = true;
                    break;
                }
            }
            if (!placed && out.size() < MAX_ENTRIES) {
                out.add(new int[] {seq & 0xFFFF, 0});
            }
        }
        return out;
    }

    @Override
    public int encodedLength() {
        return FeedbackPackets.FIXED_LENGTH + 4 * entries().size();
    }

    @Override
    public int encode(byte[] dst, int offset) {
        List<int[]> entries = entries();
        int total = FeedbackPackets.FIXED_LENGTH + 4 * entries.size();
        FeedbackPackets.writeFixed(dst, offset, FMT, RtcpPacketType.RTPFB, total, senderSsrc, mediaSsrc);
        for (int i = 0; i < entries.size(); i++) {
            RtcpBytes.put16(dst, offset + 12 + 4 * i, entries.get(i)[0]);
            RtcpBytes.put16(dst, offset + 14 + 4 * i, entries.get(i)[1]);
        }
        return total;
    }
}
