package io.camelmedia.protocol.rtp;

/**
 * Extends 32-bit RTP timestamps (RFC 3550 §5.1) to 64 bits, so a pts keeps growing when the wire value
 * wraps (every 13.25 h at 90 kHz, 24.9 h at 48 kHz). The first timestamp is taken as is; each later one
 * becomes the extended value nearest the highest seen (within ±2^31), so a B-frame or late packet before a
 * wrap keeps its pre-wrap value. Not thread-safe.
 */
public final class RtpTimestampUnwrapper {
    /** Timestamps are 32 bits. */
    public static final long MODULUS = 1L << 32;
    private static final long MASK = MODULUS - 1;
    private static final long HALF = MODULUS / 2;

    private boolean started;
    private long highest;

    /** {@code a - b} modulo 2^32 as a signed value in [-2^31, 2^31). */
    public static long diff(long a, long b) {
        long d = (a - b) & MASK;
        return d >= HALF ? d - MODULUS : d;
    }

    /** The extended value of {@code timestamp} (its low 32 bits are used). */
    public long unwrap(long timestamp) {
        long ts = timestamp & MASK;
        if (!started) {
            started = true;
            highest = ts;
            return ts;
        }
        long ext = highest + diff(ts, highest & MASK);
        if (ext > highest) {
            highest = ext;
        }
        return ext;
    }

    /** True once a timestamp was unwrapped (and since the last {@link #reset()}). */
    public boolean started() {
        return started;
    }

    /** Forgets the history: the next timestamp starts afresh. */
    public void reset() {
        started = false;
    }
}
