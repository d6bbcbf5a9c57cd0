package io.camelmedia.format.mpegts;

/**
 * The 90 kHz system time base of PTS/DTS (ITU-T H.222.0 2.4.3.7) and the 27 MHz program clock reference
 * (2.4.3.5): conversion from a track's clock and the 33-bit wrap.
 */
public final class SystemClock {
    /** PTS/DTS and PCR base tick 90 000 times a second. */
    public static final int HZ = 90_000;
    /** PTS, DTS and program_clock_reference_base have 33 bits: they wrap every 2^33 / 90 000 s (26.5 h). */
    public static final long MASK_33 = (1L << 33) - 1;

    private SystemClock() {
    }

    /**
     * {@code ticks} of a {@code clockRate} Hz clock on the 90 kHz clock, rounded to nearest (halves up),
     * not yet wrapped: callers keep the unwrapped value for comparisons and wrap with {@link #wrap} when
     * writing. Exact for 90 kHz tracks.
     *
     * @throws ArithmeticException when {@code ticks * 90000} overflows a long (ticks beyond ~10^14)
     */
    public static long to90k(long ticks, int clockRate) {
        if (clockRate == HZ) {
            return ticks;
        }
        return Math.floorDiv(Math.addExact(Math.multiplyExact(ticks, (long) HZ), clockRate / 2), clockRate);
    }

    /**
     * The inverse of {@link #to90k}: {@code ticks90k} on a {@code clockRate} Hz clock, rounded to nearest
     * (halves up). For any rate up to 90 kHz, {@code from90k(to90k(t, rate), rate) == t}: the muxer's rounding
     * error is at most half a 90 kHz tick, less than half a tick of the slower clock.
     *
     * @throws ArithmeticException when {@code ticks90k * clockRate} overflows a long
     */
    public static long from90k(long ticks90k, int clockRate) {
        if (clockRate == HZ) {
            return ticks90k;
        }
        return Math.floorDiv(Math.addExact(Math.multiplyExact(ticks90k, (long) clockRate), HZ / 2), HZ);
    }

    /** The low 33 bits: what a PTS/DTS/PCR base field holds (negative values wrap as in modular arithmetic). */
    public static long wrap(long ticks90k) {
        return ticks90k & MASK_33;
    }
}
