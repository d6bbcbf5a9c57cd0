package io.camelmedia.format.mpegts;

/**
 * Turns 33-bit PTS/DTS/PCR base values (ITU-T H.222.0 2.4.3.7; they wrap every 26.5 h) into a continuous
 * long: each value is placed within 2^32 ticks (13.3 h) of the previous one, so a wrap moves on by 2^33 and
 * interleaving or B-frame reordering, which step back a little, stay where they are. One unwrapper serves
 * every PID of a program, so audio and video stay on one timeline across a wrap. The first value is taken
 * as is (0 .. 2^33-1).
 */
final class TimestampUnwrapper {
    private static final long HALF = 1L << 32;
    private boolean started;
    private long last;

    /** {@code raw} (33 bits) as the unwrapped value nearest the previous one. */
    long unwrap(long raw) {
        long r = SystemClock.wrap(raw);
        if (!started) {
            started = true;
            last = r;
            return r;
        }
        long diff = SystemClock.wrap(r - last);
        if (diff >= HALF) {
            diff -= SystemClock.MASK_33 + 1;
        }
        last += diff;
        return last;
    }

    void reset() {
        started = false;
    }
}
