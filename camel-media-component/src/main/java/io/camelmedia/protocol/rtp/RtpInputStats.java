package io.camelmedia.protocol.rtp;

/**
 * Counters of one {@link RtpInput}, written on its event loop; other threads may read slightly stale values
 * (volatile-free plain longs, used for metrics and tests).
 */
public final class RtpInputStats {
    long datagrams;
    long rtpPackets;
    long malformed;
    long wrongPayloadType;
    long rtcpPackets;
    long rtcpMalformed;
    long senderReports;
    long frames;
    long listenerFailures;

    /** Datagrams received on the RTP and RTCP sockets. */
    public long datagrams() {
        return datagrams;
    }

    /** Well-formed RTP packets of the expected payload type. */
    public long rtpPackets() {
        return rtpPackets;
    }

    /** Datagrams that are not RTP (bad version, truncated header, CSRC/extension/padding past the end). */
    public long malformed() {
        return malformed;
    }

    /** RTP packets of another payload type than the input's: dropped. */
    public long wrongPayloadType() {
        return wrongPayloadType;
    }

    /** RTCP compound packets decoded. */
    public long rtcpPackets() {
        return rtcpPackets;
    }

    /** RTCP datagrams that did not decode. */
    public long rtcpMalformed() {
        return rtcpMalformed;
    }

    public long senderReports() {
        return senderReports;
    }

    /** Frames handed to the listener. */
    public long frames() {
        return frames;
    }

    /** Exceptions thrown by the listener (logged, never out of the event loop). */
    public long listenerFailures() {
        return listenerFailures;
    }

    @Override
    public String toString() {
        return "RtpInputStats[datagrams=" + datagrams + " rtp=" + rtpPackets + " malformed=" + malformed
                + " wrongPayloadType=" + wrongPayloadType + " rtcp=" + rtcpPackets + " rtcpMalformed=" + rtcpMalformed
                + " sr=" + senderReports + " frames=" + frames + " listenerFailures=" + listenerFailures + "]";
    }
}
