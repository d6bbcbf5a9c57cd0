package io.camelmedia.format.mpegts;

/**
 * Receiving side of the continuity_counter (ITU-T H.222.0 2.4.3.3): +1 mod 16 per packet with payload, on one
 * PID. The same value twice in a row is a duplicate packet (allowed once, to be discarded); any other jump is
 * loss. The discontinuity_indicator of the adaptation field (2.4.3.5) lets the counter jump without loss.
 */
final class ContinuityCheck {
    enum Result { NEXT, DUPLICATE, LOST }

    private static final int MODULO_MASK = 0x0F;
    private int last = -1;

    /** What the payload packet with {@code cc} is; packets without payload are not checked. */
    Result payload(int cc, boolean discontinuity) {
        int prev = last;
        last = cc;
        if (prev < 0 || discontinuity || cc == ((prev + 1) & MODULO_MASK)) {
            return Result.NEXT;
        }
        return cc == prev ? Result.DUPLICATE : Result.LOST;
    }

    void reset() {
        last = -1;
    }
}
