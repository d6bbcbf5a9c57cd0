package io.camelmedia.codec.h264;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.bits.Errors;

/**
 * The byte stream format of ITU-T H.264 Annex B (also H.265 Annex B): each NAL unit preceded by a start
 * code prefix {@code 00 00 01}, optionally with a leading {@code zero_byte} (a 4-byte start code), and
 * possibly followed by {@code trailing_zero_8bits}.
 */
public final class AnnexB {
    private static final String STRUCTURE = "AnnexB";
    /** Bytes of a start code that carries the zero_byte of B.1.1. */
    public static final int START_CODE_LENGTH = 4;

    private AnnexB() {
    }

    /**
     * Splits {@code buf[offset, offset+length)} into its NAL units without copying them. Leading zero bytes
     * (leading_zero_8bits) and trailing zero bytes of every unit (trailing_zero_8bits, or the zero_byte of
     * the next 4-byte start code) are not part of any unit; empty units are dropped.
     *
     * @throws CodecException when the input does not begin with a start code, is over
     *         {@link H264#MAX_ACCESS_UNIT_SIZE}, or has more than {@link H264#MAX_NAL_UNITS_PER_ACCESS_UNIT} units
     */
    public static NalUnits split(byte[] buf, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        if (length > H264.MAX_ACCESS_UNIT_SIZE) {
            throw Errors.limit(STRUCTURE, "access unit size", length, H264.MAX_ACCESS_UNIT_SIZE, 0);
        }
        int end = offset + length;
        int first = nextStartCode(buf, offset, end);
        if (first < 0 || !allZero(buf, offset, first)) {
            throw new CodecException(STRUCTURE + ": no start code at offset 0" + (length > 0 ? " (first bytes "
                    + hex(buf, offset, Math.min(length, 4)) + ")" : " (empty)"));
        }
        int[] offs = new int[8];
        int[] lens = new int[8];
        int count = 0;
        int nal = first + 3;
        while (nal <= end) {
            int next = nextStartCode(buf, nal, end);
            int nalEnd = next < 0 ? end : next;
            while (nalEnd > nal && buf[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > nal) {
                if (count == H264.MAX_NAL_UNITS_PER_ACCESS_UNIT) {
                    throw Errors.limit(STRUCTURE, "NAL unit count", count + 1L, H264.MAX_NAL_UNITS_PER_ACCESS_UNIT,
                            nal - offset);
                }
                if (count == offs.length) {
                    offs = java.util.Arrays.copyOf(offs, count * 2);
                    lens = java.util.Arrays.copyOf(lens, count * 2);
                }
                offs[count] = nal;
                lens[count] = nalEnd - nal;
                count++;
            }
            if (next < 0) {
                break;
            }
            nal = next + 3;
        }
        return new NalUnits(buf, offs, lens, count);
    }

    public static NalUnits split(byte[] buf) {
        return split(buf, 0, buf.length);
    }

    /** True when {@code buf[offset..]} begins with {@code 00 00 01} or {@code 00 00 00 01}. */
    public static boolean startsWithStartCode(byte[] buf, int offset, int length) {
        if (length >= 3 && buf[offset] == 0 && buf[offset + 1] == 0) {
            return buf[offset + 2] == 1 || (length >= 4 && buf[offset + 2] == 0 && buf[offset + 3] == 1);
        }
        return false;
    }

    /** The size of {@code units} joined by {@link #join}. */
    public static int joinedLength(NalUnits units) {
        long n = units.payloadBytes() + (long) START_CODE_LENGTH * units.count();
        if (n > Integer.MAX_VALUE) {
            throw Errors.limit(STRUCTURE, "joined size", n, Integer.MAX_VALUE, 0);
        }
        return (int) n;
    }

    /** The units, each preceded by the 4-byte start code {@code 00 00 00 01}. */
    public static byte[] join(NalUnits units) {
        byte[] out = new byte[joinedLength(units)];
        int pos = 0;
        for (int i = 0; i < units.count(); i++) {
            pos = writeStartCode(out, pos);
            System.arraycopy(units.buffer(), units.offset(i), out, pos, units.length(i));
            pos += units.length(i);
        }
        return out;
    }

    /** Writes {@code 00 00 00 01} at {@code pos}; returns the position after it. */
    public static int writeStartCode(byte[] out, int pos) {
        out[pos] = 0;
        out[pos + 1] = 0;
        out[pos + 2] = 0;
        out[pos + 3] = 1;
        return pos + START_CODE_LENGTH;
    }

    /** Index of the next {@code 00 00 01} in {@code buf[from, end)}, or -1. */
    static int nextStartCode(byte[] buf, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            byte third = buf[i + 2];
            if (third > 1 || third < 0) {
                i += 3;
            } else if (third == 1 && buf[i + 1] == 0 && buf[i] == 0) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean allZero(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b[off + i] & 0xFF));
        }
        return sb.toString();
    }
}
