package io.camelmedia.codec.g722;

/**
 * The adaptive predictor of one G.722 sub-band (ITU-T G.722 (09/2012) 3.6 and 6.2, blocks PARREC, RECONS,
 * UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC): a second-order pole section and a sixth-order
 * zero section, identical in the lower and the higher band. All arithmetic is the spec's 16-bit fixed
 * point: products shifted right by 15 (arithmetically, so negative values round down), saturation to
 * [-32768, 32767] where the spec limits.
 */
final class AdaptivePredictor {
    /** UPPOL2: the second pole coefficient is limited to ±0.75 (12288 / 2^14). */
    private static final int A2_LIMIT = 12288;
    /** UPPOL1: |a1| <= 1 - 2^-4 - a2 (15360 / 2^14 = 1 - 2^-4). */
    private static final int A1_BOUND = 15360;
    /** Leak factors 127/128 and 255/256 in Q15. */
    private static final int LEAK_127_128 = 32512;
    private static final int LEAK_255_256 = 32640;

    /** d(n-i) i = 0..6: quantized difference signal (DLT / DH). */
    private final int[] d = new int[7];
    /** b(i) i = 1..6: zero-section coefficients. */
    private final int[] b = new int[7];
    /** p(n-i) i = 0..2: partially reconstructed signal (PLT / PH). */
    private final int[] p = new int[3];
    /** r(n-i) i = 0..2: reconstructed signal (RLT / RH). */
    private final int[] r = new int[3];
    private int a1;
    private int a2;
    /** SZ: zero-section output; S: predictor output (SL / SH). */
    private int sz;
    private int s;

    /** The current prediction S (SL / SH) for the next sample. */
    int prediction() {
        return s;
    }

    /** Updates the predictor with this sample's quantized difference {@code dq} (DLT / DH). */
    void update(int dq) {
        d[0] = dq;
        p[0] = sat(dq + sz); // PARREC
        r[0] = sat(s + dq); // RECONS
        updatePoles();
        updateZeros();
        // DELAYA
        System.arraycopy(d, 0, d, 1, 6);
        p[2] = p[1];
        p[1] = p[0];
        r[2] = r[1];
        r[1] = r[0];
        // FILTEZ: sz = sum b(i) * 2 d(n-i), Q15
        int z = 0;
        for (int i = 6; i >= 1; i--) {
            z = sat(z + ((b[i] * sat(d[i] + d[i])) >> 15));
        }
        sz = z;
        // FILTEP: sp = a1 * 2 r(n-1) + a2 * 2 r(n-2), Q15
        int sp = sat(((a1 * sat(r[1] + r[1])) >> 15) + ((a2 * sat(r[2] + r[2])) >> 15));
        s = sat(sp + sz); // PREDIC
    }

    /** UPPOL2 then UPPOL1 (a1 is bounded by the new a2). */
    private void updatePoles() {
        int sg0 = sign(p[0]);
        int sg1 = sign(p[1]);
        int sg2 = sign(p[2]);
        int wd1 = sat(a1 << 2);
        int wd2 = (sg0 == sg1 ? sat(-wd1) : wd1) >> 7; // the spec negates with saturation: -(-32768) is 32767
        int wd3 = sg0 == sg2 ? 128 : -128;
        int newA2 = clamp(wd2 + wd3 + ((a2 * LEAK_127_128) >> 15), -A2_LIMIT, A2_LIMIT);
        int gain = sg0 == sg1 ? 192 : -192; // 3/256 in Q14
        int limit = A1_BOUND - newA2;
        a1 = clamp(gain + ((a1 * LEAK_255_256) >> 15), -limit, limit);
        a2 = newA2;
    }

    /** UPZERO: sign-sign update of b(1..6), step 2^-7 (128 in Q15) when d(n) is not zero, leak 255/256. */
    private void updateZeros() {
        int step = d[0] == 0 ? 0 : 128;
        int sg0 = sign(d[0]);
        for (int i = 1; i <= 6; i++) {
            int wd2 = sign(d[i]) == sg0 ? step : -step;
            b[i] = sat(wd2 + ((b[i] * LEAK_255_256) >> 15));
        }
    }

    /** The spec's sign: the top bit of the 16-bit value (zero counts as positive). */
    private static int sign(int v) {
        return v >> 15;
    }

    static int sat(int v) {
        return clamp(v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
