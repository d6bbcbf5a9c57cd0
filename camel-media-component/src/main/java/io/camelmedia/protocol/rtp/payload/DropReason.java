package io.camelmedia.protocol.rtp.payload;

/** Why a {@link Depacketizer} dropped a frame (or a packet that could not belong to one). */
public enum DropReason {
    /** A sequence gap (reported through {@link Depacketizer#lost} or seen in the numbers) fell inside the frame. */
    LOSS,
    /** A continuation or end fragment (FU-A, FU, AV1/VP8/VP9 continuation) arrived without its start. */
    FRAGMENT_WITHOUT_START,
    /** The payload is malformed: truncated aggregation packet, NAL length or AU size past the end, bad header. */
    MALFORMED,
    /** Reassembly would exceed the maximum frame size. */
    TOO_LARGE,
    /** A complete frame was discarded because video waits for a key frame after a loss or at start. */
    WAITING_FOR_KEYFRAME,
    /** A packet type the payload format allows but we do not take (STAP-B, MTAP, PACI, interleaved mode). */
    UNSUPPORTED
}
