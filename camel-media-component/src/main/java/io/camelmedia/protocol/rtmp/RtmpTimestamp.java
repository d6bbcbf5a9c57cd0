package io.camelmedia.protocol.rtmp;

/**
 * RTMP timestamps are 32-bit milliseconds that wrap after about 49.7 days (RTMP 1.0 §5.3.1.2.1: "timestamps
 * ... SHOULD ... wrap"). We keep a 64-bit timeline: an absolute 32-bit value is placed in the 2^32 window
 * nearest to the previous timestamp (serial number arithmetic, as RFC 1982 does for sequence numbers).
 */
public final class RtmpTimestamp {
    /** 2^32: one turn of the wire timestamp. */
    static final long WRAP = 1L << 32;
    private static final long HALF = WRAP / 2;
    private static final long LOW_32 = WRAP - 1;

    private RtmpTimestamp() {
    }

    /** The 64-bit timestamp nearest to {@code previous} whose low 32 bits are {@code wire}. */
    public static long extend(long previous, long wire) {
        long candidate = (previous & ~LOW_32) | (wire & LOW_32);
        if (candidate < previous - HALF) {
            candidate += WRAP;
        } else if (candidate > previous + HALF && candidate >= WRAP) {
            candidate -= WRAP;
        }
        return candidate;
    }

    /** Applies a wire delta; deltas are modulo 2^32, so one at or above 2^31 steps back. */
    public static long addDelta(long previous, long delta) {
        return previous + (int) delta;
    }
}
