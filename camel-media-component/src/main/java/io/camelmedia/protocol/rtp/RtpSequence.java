package io.camelmedia.protocol.rtp;

/**
 * RTP sequence numbers (RFC 3550 §5.1): 16 bits that wrap. Two numbers compare by their distance modulo
 * 2^16, so 0 follows 65535 (serial-number arithmetic as RFC 1982 defines it for a 16-bit space).
 * {@link Unwrapper} extends them to 64 bits, as RFC 3550 Appendix A.1 extends them with a cycle count.
 */
public final class RtpSequence {
    /** Sequence numbers are 16 bits. */
    public static final int MODULUS = 1 << 16;
    private static final int MASK = MODULUS - 1;
    private static final int HALF = MODULUS / 2;

    private RtpSequence() {
    }

    /** {@code a - b} modulo 2^16, as a signed value in [-32768, 32767]. */
    public static int diff(int a, int b) {
        int d = (a - b) & MASK;
        return d >= HALF ? d - MODULUS : d;
    }

    /** Negative, zero or positive as {@code a} comes before, equals or follows {@code b} (wrap-aware). */
    public static int compare(int a, int b) {
        return Integer.signum(diff(a, b));
    }

    /** True when {@code a} follows {@code b} (wrap-aware). */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** {@code seq + n} modulo 2^16. */
    public static int add(int seq, int n) {
        return (seq + n) & MASK;
    }

    /**
     * Extends 16-bit sequence numbers to 64 bits: the first number is taken as is, each later one becomes the
     * extended value nearest the highest seen so far (within ±32768). A late packet from before a wrap gets its
     * pre-wrap value; values before the first may be negative. Not thread-safe.
     */
    public static final class Unwrapper {
        private boolean started;
        private long highest;

        /** The extended value of {@code seq} (16 bits). */
        public long unwrap(int seq) {
            if (!started) {
                started = true;
                highest = seq & MASK;
                return highest;
            }
            long ext = highest + diff(seq, (int) (highest & MASK));
            if (ext > highest) {
                highest = ext;
            }
            return ext;
        }

        /** The highest extended value seen, or -1 before the first. */
        public long highest() {
            return started ? highest : -1;
        }

        /** Forgets the history: the next value starts afresh. */
        public void reset() {
            started = false;
        }
    }
}
