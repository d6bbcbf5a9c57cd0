package io.camelmedia.codec.av1;

import io.camelmedia.codec.bits.ByteReader;
import io.camelmedia.codec.bits.Errors;

/**
 * leb128() of the AV1 bitstream specification 4.10.5: little-endian base-128, 7 bits per byte, high bit
 * set on every byte but the last.
 */
public final class Leb128 {
    /** 4.10.5: at most 8 bytes are read. */
    public static final int MAX_BYTES = 8;
    /** 4.10.5: the value must be less than or equal to 2^32 - 1. */
    public static final long MAX_VALUE = (1L << 32) - 1;

    private Leb128() {
    }

    /** Reads one leb128 from {@code r}. */
    public static long read(ByteReader r, String field) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = r.u8(field);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value > MAX_VALUE) {
                    throw Errors.limit(r.structure(), field, value, MAX_VALUE, r.position());
                }
                return value;
            }
        }
        throw Errors.limit(r.structure(), field + " length", MAX_BYTES + 1L, MAX_BYTES, r.position());
    }

    /** Bytes {@link #write} uses for {@code value}. */
    public static int size(long value) {
        int n = 1;
        while (value >= 0x80) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code value} (0 .. {@link #MAX_VALUE}) at {@code pos}; returns the position after it. */
    public static int write(long value, byte[] out, int pos) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("leb128 value out of range: " + value);
        }
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out[pos++] = (byte) (value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return pos;
    }
}
