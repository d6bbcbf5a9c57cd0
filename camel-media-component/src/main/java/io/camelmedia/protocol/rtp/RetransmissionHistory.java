package io.camelmedia.protocol.rtp;

/**
 * The sending side of RTP retransmission: the last packets sent on one SSRC, by sequence number, so a NACK
 * (RFC 4585 §6.2.1) can be answered by sending them again. A ring of {@code maxPackets} slots indexed by
 * {@code seq % maxPackets}; a slot remembers which sequence number it holds, so a NACK for a packet already
 * overwritten (an older cycle) gets nothing rather than the wrong packet. Bytes are bounded too: when the
 * total passes {@code maxBytes}, the oldest packets are forgotten.
 *
 * <p>Not thread-safe: the sender and the NACK handler run on the session's loop.
 */
public final class RetransmissionHistory {
    private final byte[][] packets;
    private final int[] sequences;
    private final long maxBytes;
    private long bytes;
    private int newest = -1;
    private long hits;
    private long misses;

    public RetransmissionHistory(int maxPackets, long maxBytes) {
        if (maxPackets <= 0 || maxPackets > RtpSequence.MODULUS / 2) {
            throw new IllegalArgumentException("maxPackets must be 1.." + RtpSequence.MODULUS / 2 + ", was " + maxPackets);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.packets = new byte[maxPackets][];
        this.sequences = new int[maxPackets];
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code rtpPacket} (plain RTP, header included; the array is now the history's) as {@code sequenceNumber}. */
    public void add(int sequenceNumber, byte[] rtpPacket) {
        int seq = sequenceNumber & 0xFFFF;
        int slot = seq % packets.length;
        if (packets[slot] != null) {
            bytes -= packets[slot].length;
        }
        packets[slot] = rtpPacket;
        sequences[slot] = seq;
        bytes += rtpPacket.length;
        newest = seq;
        int oldest = (seq - packets.length + 1) & 0xFFFF;
        while (bytes > maxBytes && oldest != seq) {
            int s = oldest % packets.length;
            if (packets[s] != null && sequences[s] == oldest) {
                bytes -= packets[s].length;
                packets[s] = null;
            }
            oldest = (oldest + 1) & 0xFFFF;
        }
    }

    /** The packet sent as {@code sequenceNumber}, or null when it is too old or was never sent. */
    public byte[] get(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        int slot = seq % packets.length;
        byte[] p = packets[slot];
        boolean inWindow = newest >= 0 && RtpSequence.diff(newest, seq) >= 0 && RtpSequence.diff(newest, seq) < packets.length;
        if (p == null || sequences[slot] != seq || !inWindow) {
            misses++;
            return null;
        }
        hits++;
        return p;
    }

    public long bytes() {
        return bytes;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
