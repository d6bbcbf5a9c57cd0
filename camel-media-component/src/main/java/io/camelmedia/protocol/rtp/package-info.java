/**
 * The one RTP core that RTP ingest/egress, RTSP, WebRTC and Janus recordings share (RFC 3550):
 * {@link io.camelmedia.protocol.rtp.RtpPacket}, sequence and timestamp unwrapping, the reorder buffer;
 * RTCP in {@code rtcp}, SDP in {@code sdp}, payload formats in {@code payload}. Plain Java, no Netty
 * pipeline state: RTP is a stream format, so a malformed packet is dropped and counted, never fatal.
 */
package io.camelmedia.protocol.rtp;
