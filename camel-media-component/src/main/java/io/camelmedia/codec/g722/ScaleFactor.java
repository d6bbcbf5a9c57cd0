package io.camelmedia.codec.g722;

/**
 * The quantizer scale factor of one G.722 sub-band: LOGSCL/SCALEL (lower) and LOGSCH/SCALEH (higher),
 * ITU-T G.722 (09/2012) 6.2.1.3-4 and 6.2.2.3-4. The log factor NB leaks by 127/128 and adds the code's
 * multiplier, limited to [0, 18432] (lower) or [0, 22528] (higher); the linear factor DET is
 * {@code ILA2[(NB >> 6) & 31] >> (offset - (NB >> 11))}, times 4, where ILA2 is one octave of 2^(x/32).
 */
final class ScaleFactor {
    /** SCALEL's table: 2048 * 2^(i/32), i = 0 .. 31, as the spec tabulates it. */
    private static final int[] ILA2 = {2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599,
        2656, 2714, 2774, 2834, 2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756,
        3838, 3922, 4008};
    /** Leak 127/128 in Q15. */
    private static final int LEAK = 32512;
    /** LOGSCL: NBL in [0, 18432]; SCALEL shifts by 8 - (NBL >> 11). */
    private static final int LOWER_MAX = 18432;
    private static final int LOWER_OFFSET = 8;
    /** LOGSCH: NBH in [0, 22528]; SCALEH shifts by 10 - (NBH >> 11). */
    private static final int HIGHER_MAX = 22528;
    private static final int HIGHER_OFFSET = 10;

    private final int max;
    private final int offset;
    private int nb;
    private int det;

    private ScaleFactor(int max, int offset) {
        this.max = max;
        this.offset = offset;
        this.det = linear(0); // 3.9 reset: DETL = 32, DETH = 8
    }

    static ScaleFactor lowerBand() {
        return new ScaleFactor(LOWER_MAX, LOWER_OFFSET);
    }

    static ScaleFactor higherBand() {
        return new ScaleFactor(HIGHER_MAX, HIGHER_OFFSET);
    }

    /** DETL / DETH for the current sample. */
    int scale() {
        return det;
    }

    /** Adds the code's multiplier {@code weight} (WL / WH) and recomputes DET. */
    void adapt(int weight) {
        nb = AdaptivePredictor.clamp(((nb * LEAK) >> 15) + weight, 0, max);
        det = linear(nb);
    }

    private int linear(int n) {
        int mantissa = ILA2[(n >> 6) & 31];
        int shift = offset - (n >> 11);
        return (shift >= 0 ? mantissa >> shift : mantissa << -shift) << 2;
    }
}
