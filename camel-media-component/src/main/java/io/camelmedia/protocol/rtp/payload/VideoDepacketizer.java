package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.CodecException;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.RtpException;
import io.camelmedia.protocol.rtp.RtpPacket;

import java.util.Arrays;
import java.util.List;

/**
 * What the VP8, VP9 and AV1 depacketizers share: sequence tracking, one bounded reassembly buffer, the
 * "wait for a key frame after a loss" rule and the drop accounting of the {@link Depacketizer} contract.
 *
 * <p>A subclass parses its payload descriptor in {@link #depacketize} and drives the frame through
 * {@link #startFrame}, {@link #append}, {@link #endFrame} and {@link #orphan}. Any {@link RtpException} or
 * {@link CodecException} it throws drops the frame under reassembly as {@link DropReason#MALFORMED}; nothing
 * leaves {@link #push} but frames.
 *
 * <p>Drop accounting counts frames, not packets: a loss inside a frame is one {@link DropReason#LOSS}, and
 * the rest of that frame's packets are skipped silently; a run of continuation packets whose start was never
 * seen is one {@link DropReason#FRAGMENT_WITHOUT_START}.
 */
abstract class VideoDepacketizer implements Depacketizer {
    /** First size of the reassembly buffer; it doubles as frames need, up to the maximum frame size. */
    private static final int INITIAL_BUFFER = 64 * 1024;
    /**
     * A packet this far behind the expected sequence number is a late duplicate and is ignored; a larger
     * backward jump is a new sequence (sender restart) and counts as a loss. 1000 packets is about 1 s of
     * 10 Mb/s video, well beyond any reorder buffer's latency.
     */
    private static final int MAX_LATE = 1000;

    private final DepacketizerStats stats = new DepacketizerStats();
    private final int maxFrameSize;
    private byte[] buf;
    private int len;
    private boolean inFrame;
    private long frameTimestamp;
    private boolean waitingForKeyframe = true;
    /** Skipping the rest of a frame that was already counted as dropped. */
    private boolean discarding;
    private int expectedSeq = -1;

    VideoDepacketizer(int maxFrameSize) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.buf = new byte[Math.min(INITIAL_BUFFER, maxFrameSize)];
    }

    @Override
    public final List<DepacketizedFrame> push(RtpPacket packet) {
        stats.packet();
        if (!sequence(packet.sequenceNumber())) {
            return List.of();
        }
        try {
            return depacketize(packet);
        } catch (RtpException | CodecException e) {
            drop(DropReason.MALFORMED);
            return List.of();
        }
    }

    @Override
    public final void lost(int count) {
        if (count > 0) {
            loss();
        }
    }

    @Override
    public final DepacketizerStats stats() {
        return stats;
    }

    /** Parses one in-sequence packet and feeds it to the frame; may throw RtpException/CodecException. */
    protected abstract List<DepacketizedFrame> depacketize(RtpPacket packet);

    /** Checks the sequence number; false for a late duplicate to ignore. A gap is a loss. */
    private boolean sequence(int seq) {
        if (expectedSeq >= 0 && seq != expectedSeq) {
            int behind = (expectedSeq - seq) & 0xFFFF;
            if (behind > 0 && behind <= MAX_LATE) {
                return false;
            }
            loss();
        }
        expectedSeq = (seq + 1) & 0xFFFF;
        return true;
    }

    /** Packets are missing: the frame under reassembly (if any) is lost, and video waits for a key frame. */
    private void loss() {
        if (inFrame) {
            drop(DropReason.LOSS);
        } else {
            waitingForKeyframe = true;
        }
    }

    /** Drops the frame under reassembly (counted once) and waits for the next key frame. */
    protected final void drop(DropReason reason) {
        if (!discarding || reason != DropReason.FRAGMENT_WITHOUT_START) {
            stats.drop(reason);
        }
        inFrame = false;
        discarding = true;
        waitingForKeyframe = true;
        len = 0;
    }

    /**
     * A packet that continues a frame we are not assembling: counted once per run as
     * {@link DropReason#FRAGMENT_WITHOUT_START}, silently skipped when it belongs to a frame already dropped.
     */
    protected final void orphan() {
        if (!discarding) {
            drop(DropReason.FRAGMENT_WITHOUT_START);
        }
    }

    /**
     * Begins a frame at {@code timestamp}. A frame still open (its end never came although no packet was
     * missing) is dropped as {@link DropReason#MALFORMED}.
     */
    protected final void startFrame(long timestamp) {
        if (inFrame) {
            drop(DropReason.MALFORMED);
        }
        inFrame = true;
        discarding = false;
        frameTimestamp = timestamp;
        len = 0;
    }

    /** True while a frame is being assembled (started, not ended, not dropped). */
    protected final boolean inFrame() {
        return inFrame;
    }

    protected final long frameTimestamp() {
        return frameTimestamp;
    }

    /** Bytes of the frame assembled so far. */
    protected final int frameLength() {
        return len;
    }

    /** The reassembly buffer; valid up to {@link #frameLength()}. */
    protected final byte[] frameBuffer() {
        return buf;
    }

    /** Room for {@code n} more bytes, or the frame is dropped as {@link DropReason#TOO_LARGE} (returns false). */
    protected final boolean reserve(int n) {
        if (n > maxFrameSize - len) {
            drop(DropReason.TOO_LARGE);
            return false;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxFrameSize, Math.max((long) buf.length * 2, len + n)));
        }
        return true;
    }

    /** Appends {@code length} payload bytes of {@code packet} from {@code from}; false if the frame was dropped. */
    protected final boolean append(RtpPacket packet, int from, int length) {
        if (!reserve(length)) {
            return false;
        }
        packet.copyPayload(from, buf, len, length);
        len += length;
        return true;
    }

    /** Appends {@code src[off, off+length)}; false if the frame was dropped. */
    protected final boolean append(byte[] src, int off, int length) {
        if (!reserve(length)) {
            return false;
        }
        System.arraycopy(src, off, buf, len, length);
        len += length;
        return true;
    }

    /** Appends one byte; false if the frame was dropped. */
    protected final boolean append(int b) {
        if (!reserve(1)) {
            return false;
        }
        buf[len++] = (byte) b;
        return true;
    }

    /** Advances the write position after the subclass wrote {@code n} bytes itself (after {@link #reserve}). */
    protected final void advance(int n) {
        len += n;
    }

    /**
     * Ends the frame: delivers it if it is a key frame or no key frame is awaited, else drops it as
     * {@link DropReason#WAITING_FOR_KEYFRAME}. An empty frame is {@link DropReason#MALFORMED}.
     */
    protected final List<DepacketizedFrame> endFrame(boolean keyframe) {
        if (!inFrame) {
            return List.of();
        }
        inFrame = false;
        if (len == 0) {
            drop(DropReason.MALFORMED);
            return List.of();
        }
        if (waitingForKeyframe && !keyframe) {
            stats.drop(DropReason.WAITING_FOR_KEYFRAME);
            len = 0;
            return List.of();
        }
        waitingForKeyframe = false;
        byte[] payload = Arrays.copyOf(buf, len);
        len = 0;
        stats.frames(1);
        return List.of(new DepacketizedFrame(frameTimestamp, payload, BitstreamFormat.RAW, keyframe));
    }

    /** True until a key frame is delivered, and again after any loss or drop. */
    public final boolean waitingForKeyframe() {
        return waitingForKeyframe;
    }
}
