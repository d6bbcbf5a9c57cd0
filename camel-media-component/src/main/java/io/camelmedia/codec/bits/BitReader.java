package io.camelmedia.codec.bits;

import java.util.Objects;

import io.camelmedia.codec.CodecException;

/**
 * Reads the bit-level syntax of ITU-T H.264 / H.265 clause 7.2 and AV1 clause 4.10: fixed-length
 * {@code u(n)}/{@code f(n)}, Exp-Golomb {@code ue(v)}/{@code se(v)} (H.264 9.1) and AV1 {@code uvlc()}.
 * Most significant bit first. Reads past the end throw {@link CodecException} naming the field and the
 * bit offset; a caller reading a fixed group can check it once with {@link #require}.
 */
public final class BitReader {
    /**
     * ue(v) with more leading zero bits than this cannot be a valid syntax element: the largest value any
     * H.264/H.265 element takes is 2^32 - 2, which is coded with 31 leading zeros (H.264 9.1).
     */
    public static final int MAX_EXP_GOLOMB_LEADING_ZEROS = 31;

    private final String structure;
    private final byte[] buf;
    private final int start;
    private final long endBit;
    private long bit;

    /** A reader over {@code buf[offset, offset+length)} (already without emulation prevention bytes). */
    public BitReader(String structure, byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        this.structure = structure;
        this.buf = buf;
        this.start = offset;
        this.bit = (long) offset * 8;
        this.endBit = (long) (offset + length) * 8;
    }

    /** Fails unless {@code bits} more bits are there for {@code field}. */
    public void require(long bits, String field) {
        if (bits > endBit - bit) {
            throw new CodecException(structure + ": " + field + " needs " + bits + " bits but only "
                    + (endBit - bit) + " are left at bit offset " + bitPosition());
        }
    }

    /** {@code u(n)}, 0 &lt;= n &lt;= 32. */
    public long u(int n, String field) {
        require(n, field);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bitUnchecked();
        }
        return v;
    }

    /** {@code u(n)} for n &lt;= 31, as an int. */
    public int ui(int n, String field) {
        return (int) u(n, field);
    }

    /** {@code u(1)} as a flag. */
    public boolean flag(String field) {
        require(1, field);
        return bitUnchecked() == 1;
    }

    /** {@code ue(v)}, H.264 9.1, as a long (0 .. 2^32 - 2). */
    public long ue(String field) {
        int zeros = 0;
        while (true) {
            require(1, field);
            if (bitUnchecked() == 1) {
                break;
            }
            if (++zeros > MAX_EXP_GOLOMB_LEADING_ZEROS) {
                throw Errors.limit(structure, field + " leading zero bits", zeros, MAX_EXP_GOLOMB_LEADING_ZEROS,
                        (int) (bitPosition() / 8));
            }
        }
        return (1L << zeros) - 1 + u(zeros, field);
    }

    /** {@code ue(v)} that must not exceed {@code limit} (the range the spec allows for the element). */
    public int ue(String field, int limit) {
        long v = ue(field);
        if (v > limit) {
            throw Errors.limit(structure, field, v, limit, (int) (bitPosition() / 8));
        }
        return (int) v;
    }

    /** {@code se(v)}, H.264 9.1.1. */
    public long se(String field) {
        long k = ue(field);
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** {@code se(v)} within {@code [-limit, limit]}. */
    public int se(String field, int limit) {
        long v = se(field);
        if (v > limit || v < -limit) {
            throw Errors.limit(structure, field, v, limit, (int) (bitPosition() / 8));
        }
        return (int) v;
    }

    /** AV1 {@code uvlc()} (clause 4.10.3); values needing 32 or more leading zeros read as 2^32 - 1. */
    public long uvlc(String field) {
        int zeros = 0;
        while (true) {
            require(1, field);
            if (bitUnchecked() == 1) {
                break;
            }
            zeros++;
            if (zeros > 64) {
                throw Errors.limit(structure, field + " leading zero bits", zeros, 64, (int) (bitPosition() / 8));
            }
        }
        if (zeros >= 32) {
            return (1L << 32) - 1;
        }
        return u(zeros, field) + (1L << zeros) - 1;
    }

    public void skip(long bits, String field) {
        require(bits, field);
        bit += bits;
    }

    /** Bits not read yet. */
    public long bitsLeft() {
        return endBit - bit;
    }

    /** Bit offset of the next bit, relative to where this reader started. */
    public long bitPosition() {
        return bit - (long) start * 8;
    }

    public String structure() {
        return structure;
    }

    private int bitUnchecked() {
        int b = (buf[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
        bit++;
        return b;
    }
}
