package io.camelmedia.protocol.srt;

/**
 * One connection's counters, in libsrt's vocabulary (srt_bstats): what came in (received, retransmissions among
 * them, lost = sequence numbers found missing, dropped = skipped too late, duplicates and beyond-window), what
 * went out, and the link (smoothed RTT in microseconds, the peer's free receive buffer in packets).
 */
public record SrtConnectionStats(long received, long receivedBytes, long receivedRetransmitted, long lost, long dropped,
        long duplicates, long delivered, long sent, long sentBytes, long retransmitted, long sendDropped, long nakSent,
        long nakReceived, long decryptFailures, long badPackets, long rttUs, int peerAvailable, long oddKeyReceived,
        long oddKeySent) {

    @Override
    public String toString() {
        return "in " + received + " pkts (" + receivedRetransmitted + " rexmit, " + lost + " lost, " + dropped
                + " dropped too late, " + duplicates + " dup), out " + sent + " pkts (" + retransmitted + " rexmit, "
                + sendDropped + " dropped), NAK " + nakSent + "/" + nakReceived + ", rtt " + rttUs / 1000.0 + " ms"
                + (decryptFailures > 0 ? ", " + decryptFailures + " undecryptable" : "")
                + (badPackets > 0 ? ", " + badPackets + " bad" : "");
    }
}
