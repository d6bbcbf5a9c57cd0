package io.camelmedia.codec.g722;

/**
 * The receive quadrature mirror filter of ITU-T G.722 (09/2012) 4.4.2: from the lower- and higher-band
 * samples rl, rh (8 kHz) two output samples (16 kHz):
 *
 * <pre>
 * xd(j) = rl(j) - rh(j)         xout(2j)   = sum_{i=0..11} h(2i)   * xd(j - i)
 * xs(j) = rl(j) + rh(j)         xout(2j+1) = sum_{i=0..11} h(2i+1) * xs(j - i)
 * </pre>
 *
 * with the 24 coefficients h of Table 4 (Q13, symmetric). See {@link G722Decoder} for the output scaling.
 */
final class QmfSynthesis {
    /** Table 4: h(0) .. h(23), multiplied by 2^13. */
    static final int[] H = {3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876, 3876, 951, -805, -210,
        362, 32, -156, 12, 53, -11, -11, 3};
    /** 16-bit output: 2 * sum / 2^13 is the 14-bit signal; shifting by 11 keeps one more bit (16-bit scale). */
    private static final int OUTPUT_SHIFT = 11;
    private static final int TAPS = 12;

    /** xd(j - i) and xs(j - i), i = 0 .. 11, newest first. */
    private final int[] xd = new int[TAPS];
    private final int[] xs = new int[TAPS];

    /** Writes the two output samples at {@code out[pos]}; returns {@code pos + 2}. */
    int synthesize(int rl, int rh, short[] out, int pos) {
        System.arraycopy(xd, 0, xd, 1, TAPS - 1);
        System.arraycopy(xs, 0, xs, 1, TAPS - 1);
        xd[0] = rl - rh;
        xs[0] = rl + rh;
        int even = 0;
        int odd = 0;
        for (int i = 0; i < TAPS; i++) {
            even += H[2 * i] * xd[i];
            odd += H[2 * i + 1] * xs[i];
        }
        out[pos] = (short) AdaptivePredictor.sat(even >> OUTPUT_SHIFT);
        out[pos + 1] = (short) AdaptivePredictor.sat(odd >> OUTPUT_SHIFT);
        return pos + 2;
    }
}
