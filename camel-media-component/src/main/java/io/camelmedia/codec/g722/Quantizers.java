package io.camelmedia.codec.g722;

/**
 * The inverse quantizers and log scale-factor multipliers of ITU-T G.722 (09/2012), Tables 6 to 9 and
 * blocks INVQAL, INVQBL, INVQAH, LOGSCL, LOGSCH. Outputs are the signed quantizer levels already scaled
 * by 8 (the spec's {@code QQ << 3}), so that {@code (scale * level) >> 15} is the quantized difference.
 *
 * <p>Code words to (sign, level index), as the spec's tables assign them:
 * <ul>
 *   <li>6-bit lower band: 0x3F, 0x3E, 0x1F .. 0x04 are the negative levels 1, 2, 3 .. 30; 0x3D .. 0x20 the
 *       positive levels 1 .. 30; the unused 0x00 .. 0x03 decode as the negative level 1.</li>
 *   <li>4-bit lower band (the 6-bit word without its 2 LSBs, for the predictor): 0x0F .. 0x08 are the
 *       positive levels 0 .. 7, 0x07 .. 0x01 the negative levels 1 .. 7, 0x00 is level 0.</li>
 *   <li>2-bit higher band: 0 and 1 are the negative levels 2 and 1, 3 and 2 the positive levels 1 and 2.</li>
 * </ul>
 */
final class Quantizers {
    /** QQ6: 6-bit inverse quantizer output levels 0 .. 30 (Q12, Table 6). */
    private static final int[] QQ6 = {0, 17, 54, 91, 130, 170, 211, 254, 300, 347, 396, 447, 501, 558, 618,
        682, 750, 822, 899, 982, 1072, 1170, 1279, 1399, 1535, 1689, 1873, 2088, 2376, 2738, 3101};
    /** QQ4: 4-bit inverse quantizer output levels 0 .. 7 (Table 7). */
    private static final int[] QQ4 = {0, 150, 323, 530, 786, 1121, 1612, 2557};
    /** QQ2: 2-bit higher-band levels 1 .. 2 (Table 9). */
    private static final int[] QQ2 = {0, 202, 926};
    /** WL: lower-band log scale-factor multipliers by 4-bit level (LOGSCL). */
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    /** WH: higher-band multipliers by 2-bit level (LOGSCH). */
    private static final int[] WH = {0, -214, 798};
    /** Q15 scaling of the Q12 levels: the spec's {@code QQ << 3}. */
    private static final int LEVEL_SHIFT = 3;

    private static final int[] LOWER6 = new int[64];
    private static final int[] LOWER4 = new int[16];
    private static final int[] LOWER4_LEVEL = new int[16];

    static {
        for (int code = 0; code < 64; code++) {
            int level;
            boolean negative;
            if (code < 0x04) {
                level = 1;
                negative = true;
            } else if (code < 0x20) {
                level = 0x22 - code; // 0x04 -> 30 .. 0x1F -> 3
                negative = true;
            } else if (code < 0x3E) {
                level = 0x3E - code; // 0x3D -> 1 .. 0x20 -> 30
                negative = false;
            } else {
                level = 0x40 - code; // 0x3E -> 2, 0x3F -> 1
                negative = true;
            }
            LOWER6[code] = signed(QQ6[level], negative);
        }
        for (int code = 0; code < 16; code++) {
            int level = code == 0 ? 0 : code < 8 ? 8 - code : 15 - code;
            LOWER4_LEVEL[code] = level;
            LOWER4[code] = signed(QQ4[level], code > 0 && code < 8);
        }
    }

    private Quantizers() {
    }

    private static int signed(int level, boolean negative) {
        int v = level << LEVEL_SHIFT;
        return negative ? -v : v;
    }

    /** INVQAL: the signed, Q15-scaled level of 6-bit code {@code il}. */
    static int lower6(int il) {
        return LOWER6[il];
    }

    /** INVQBL: the signed, Q15-scaled level of the 4-bit code {@code il4}. */
    static int lower4(int il4) {
        return LOWER4[il4];
    }

    /** LOGSCL: WL of the 4-bit code's level. */
    static int lowerLogWeight(int il4) {
        return WL[LOWER4_LEVEL[il4]];
    }

    /** INVQAH: the signed, Q15-scaled level of the 2-bit code {@code ih}. */
    static int higher2(int ih) {
        int level = ih == 0 || ih == 2 ? 2 : 1;
        return signed(QQ2[level], ih < 2);
    }

    /** LOGSCH: WH of the 2-bit code's level. */
    static int higherLogWeight(int ih) {
        return WH[ih == 0 || ih == 2 ? 2 : 1];
    }
}
