package io.camelmedia.codec.h264;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.Errors;

/**
 * The sample format of ISO/IEC 14496-15 5.3.2 / 8.3.2 ("AVCC", also HVCC): each NAL unit preceded by its
 * length in {@code lengthSizeMinusOne + 1} big-endian bytes (1, 2 or 4), as MP4 and FLV carry it.
 */
public final class Avcc {
    private static final String STRUCTURE = "AVCC";
    /** The length size this project uses in frames ({@link io.camelmedia.frame.BitstreamFormat#AVCC}). */
    public static final int LENGTH_SIZE = 4;

    private Avcc() {
    }

    /**
     * Splits {@code buf[offset, offset+length)} into its NAL units without copying; zero-length units are
     * skipped (as ffmpeg does).
     *
     * @throws CodecException for a length past the end, an access unit over {@link H264#MAX_ACCESS_UNIT_SIZE},
     *         or more than {@link H264#MAX_NAL_UNITS_PER_ACCESS_UNIT} units
     */
    public static NalUnits split(byte[] buf, int offset, int length, int lengthSize) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        checkLengthSize(lengthSize);
        if (length > H264.MAX_ACCESS_UNIT_SIZE) {
            throw Errors.limit(STRUCTURE, "access unit size", length, H264.MAX_ACCESS_UNIT_SIZE, 0);
        }
        int end = offset + length;
        int pos = offset;
        int[] offs = new int[8];
        int[] lens = new int[8];
        int count = 0;
        while (pos < end) {
            if (end - pos < lengthSize) {
                throw Errors.truncated(STRUCTURE, "NALUnitLength", lengthSize, end - pos, pos - offset, buf, pos);
            }
            int n = readLength(buf, pos, lengthSize);
            pos += lengthSize;
            if (n < 0 || n > end - pos) {
                throw Errors.truncated(STRUCTURE, "NAL unit", n & 0xFFFFFFFFL, end - pos, pos - offset, buf, pos);
            }
            if (n == 0) {
                continue;
            }
            if (count == H264.MAX_NAL_UNITS_PER_ACCESS_UNIT) {
                throw Errors.limit(STRUCTURE, "NAL unit count", count + 1L, H264.MAX_NAL_UNITS_PER_ACCESS_UNIT,
                        pos - offset);
            }
            if (count == offs.length) {
                offs = java.util.Arrays.copyOf(offs, count * 2);
                lens = java.util.Arrays.copyOf(lens, count * 2);
            }
            offs[count] = pos;
            lens[count] = n;
            count++;
            pos += n;
        }
        return new NalUnits(buf, offs, lens, count);
    }

    /** {@link #split} with 4-byte lengths. */
    public static NalUnits split(byte[] buf) {
        return split(buf, 0, buf.length, LENGTH_SIZE);
    }

    /** The size of {@code units} joined by {@link #join}. */
    public static int joinedLength(NalUnits units) {
        long n = units.payloadBytes() + (long) LENGTH_SIZE * units.count();
        if (n > Integer.MAX_VALUE) {
            throw Errors.limit(STRUCTURE, "joined size", n, Integer.MAX_VALUE, 0);
        }
        return (int) n;
    }

    /** The units, each preceded by its 4-byte length. */
    public static byte[] join(NalUnits units) {
        byte[] out = new byte[joinedLength(units)];
        int pos = 0;
        for (int i = 0; i < units.count(); i++) {
            pos = writeLength(out, pos, units.length(i));
            System.arraycopy(units.buffer(), units.offset(i), out, pos, units.length(i));
            pos += units.length(i);
        }
        return out;
    }

    /**
     * The units for which {@code keep} (given a unit's index) is true, each preceded by its 4-byte length: an
     * Annex B access unit in the project's frame form, without its access unit delimiters for example.
     */
    public static byte[] join(NalUnits units, java.util.function.IntPredicate keep) {
        long size = 0;
        for (int i = 0; i < units.count(); i++) {
            size += keep.test(i) ? LENGTH_SIZE + units.length(i) : 0;
        }
        byte[] out = new byte[Math.toIntExact(size)];
        int pos = 0;
        for (int i = 0; i < units.count(); i++) {
            if (keep.test(i)) {
                pos = writeLength(out, pos, units.length(i));
                System.arraycopy(units.buffer(), units.offset(i), out, pos, units.length(i));
                pos += units.length(i);
            }
        }
        return out;
    }

    /**
     * Re-frames a sample with {@code lengthSize}-byte lengths (1, 2 or 4) to 4-byte lengths. Returns the
     * input range copied when it is already 4-byte.
     */
    public static byte[] toFourByteLengths(byte[] buf, int offset, int length, int lengthSize) {
        return join(split(buf, offset, length, lengthSize));
    }

    /** Writes {@code n} as 4 big-endian bytes at {@code pos}; returns the position after it. */
    public static int writeLength(byte[] out, int pos, int n) {
        out[pos] = (byte) (n >>> 24);
        out[pos + 1] = (byte) (n >>> 16);
        out[pos + 2] = (byte) (n >>> 8);
        out[pos + 3] = (byte) n;
        return pos + LENGTH_SIZE;
    }

    static int readLength(byte[] buf, int pos, int lengthSize) {
        int n = 0;
        for (int i = 0; i < lengthSize; i++) {
            n = (n << 8) | (buf[pos + i] & 0xFF);
        }
        return n;
    }

    /** lengthSizeMinusOne + 1 must be 1, 2 or 4 (ISO/IEC 14496-15 5.3.3.1.2: the value 2 is not allowed). */
    public static void checkLengthSize(int lengthSize) {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new CodecException(STRUCTURE + ": NAL unit length size " + lengthSize + " is not 1, 2 or 4");
        }
    }
}
