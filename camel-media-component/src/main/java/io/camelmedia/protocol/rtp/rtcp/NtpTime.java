package io.camelmedia.protocol.rtp.rtcp;

/**
 * 64-bit NTP timestamps (RFC 5905 §6, used by RFC 3550 §4): seconds since 1900-01-01 in the high 32 bits,
 * the binary fraction of a second in the low 32 bits.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** Unix time in microseconds to a 64-bit NTP timestamp. */
    public static long fromUnixMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L) + UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = (Math.floorMod(micros, 1_000_000L) << 32) / 1_000_000L;
        return (seconds << 32) | fraction;
    }

    /** A 64-bit NTP timestamp (era 0) to Unix time in microseconds. */
    public static long toUnixMicros(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        long micros = ((ntp & 0xFFFF_FFFFL) * 1_000_000L) >>> 32;
        return seconds * 1_000_000L + micros;
    }

    /** The middle 32 bits, as the LSR field of a report block carries them (RFC 3550 §6.4.1). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }
}
