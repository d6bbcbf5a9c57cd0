package io.camelmedia.protocol.rtp;

import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.sdp.Fmtp;
import io.camelmedia.protocol.rtp.sdp.RtpMap;

import java.util.Objects;

/**
 * One RTP input: where it listens and what it carries.
 *
 * @param host                 address to bind (0.0.0.0 for every interface)
 * @param port                 the RTP port (0 picks a free one); RTCP on {@code port + 1} unless {@code rtcpMux}
 * @param rtcpMux              RTCP arrives on the RTP port (RFC 5761), no second socket
 * @param rtpMap               payload type, encoding and clock (from an SDP or the endpoint's options)
 * @param fmtp                 format parameters (sprop-parameter-sets, AAC config...), may be null
 * @param reorderLatencyMillis longest wait for a missing packet before it counts as lost (0: no reordering)
 * @param maxFrameSize         largest reassembled frame in bytes; a larger one is dropped and counted
 */
public record RtpInputConfig(String host, int port, boolean rtcpMux, RtpMap rtpMap, Fmtp fmtp,
                             long reorderLatencyMillis, int maxFrameSize) {
    /** Default reorder latency: {@link ReorderBuffer#DEFAULT_MAX_DELAY_MILLIS}. */
    public static final long DEFAULT_REORDER_LATENCY_MILLIS = ReorderBuffer.DEFAULT_MAX_DELAY_MILLIS;
    /** Default frame bound: {@link Depacketizer#DEFAULT_MAX_FRAME_SIZE}. */
    public static final int DEFAULT_MAX_FRAME_SIZE = Depacketizer.DEFAULT_MAX_FRAME_SIZE;

    public RtpInputConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rtpMap, "rtpMap");
        if (port < 0 || port > 65534) {
            throw new IllegalArgumentException("port must be 0..65534 (RTCP takes port + 1), was " + port);
        }
        if (reorderLatencyMillis < 0) {
            throw new IllegalArgumentException("reorderLatencyMillis must be >= 0, was " + reorderLatencyMillis);
        }
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        PayloadFormats.codecOf(rtpMap).orElseThrow(() -> new IllegalArgumentException(
                "payload type " + rtpMap.payloadType() + ": encoding " + rtpMap.encodingName() + " is not supported"));
    }

    /** An input with default reorder latency and frame bound. */
    public static RtpInputConfig of(String host, int port, RtpMap rtpMap, Fmtp fmtp) {
        return new RtpInputConfig(host, port, false, rtpMap, fmtp, DEFAULT_REORDER_LATENCY_MILLIS, DEFAULT_MAX_FRAME_SIZE);
    }

    public RtpInputConfig withPort(int newPort) {
        return new RtpInputConfig(host, newPort, rtcpMux, rtpMap, fmtp, reorderLatencyMillis, maxFrameSize);
    }
}
