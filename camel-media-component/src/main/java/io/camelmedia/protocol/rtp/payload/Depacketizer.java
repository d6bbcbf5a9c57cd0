package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.List;

/**
 * Turns the in-order RTP packets of one SSRC into access units / audio frames (one per payload format RFC).
 *
 * <p>Contract, the same for every codec:
 * <ul>
 *   <li>{@link #push} never throws for anything in the packet: a fragment without its start, a truncated
 *       aggregation packet, a length past the end, a frame above the maximum frame size or a sequence gap
 *       inside a frame drops that frame, counts it in {@link #stats()} under a {@link DropReason}, and the
 *       depacketizer goes on with the next packet.</li>
 *   <li>Memory is bounded: a frame under reassembly never grows past the configured maximum frame size
 *       ({@link #DEFAULT_MAX_FRAME_SIZE} unless the implementation's constructor says otherwise).</li>
 *   <li>The caller feeds packets in sequence order (a {@code ReorderBuffer} does that) and calls
 *       {@link #lost} when it gave up on missing packets. Depacketizers also watch the sequence numbers
 *       themselves, so a gap the caller did not report still drops the frame it fell into.</li>
 *   <li>After a loss, video depacketizers deliver nothing until the next key frame (counted as
 *       {@link DropReason#WAITING_FOR_KEYFRAME}); audio goes on with the next frame.</li>
 *   <li>Not thread-safe: one SSRC's packets arrive on one thread at a time.</li>
 * </ul>
 */
public interface Depacketizer {
    /**
     * Default bound on one reassembled frame: 8 MiB, a 2160p60 key frame at 50 Mb/s with ample room
     * (the same limit mediacommon puts on an H.264 access unit).
     */
    int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024;

    /** Feeds one packet; returns the frames it completes (usually 0 or 1; STAP/AP or audio may give more). */
    List<DepacketizedFrame> push(RtpPacket packet);

    /** {@code count} packets were lost before the next push: drop any partial frame; video then waits for a key frame. */
    void lost(int count);

    /** What this depacketizer received, delivered and dropped so far. */
    DepacketizerStats stats();
}
