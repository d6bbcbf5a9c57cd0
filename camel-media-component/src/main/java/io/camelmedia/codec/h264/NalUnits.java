package io.camelmedia.codec.h264;

import java.util.Arrays;

/**
 * The NAL units of one access unit as (offset, length) pairs into the buffer they were split from:
 * no payload byte is copied. Produced by {@link AnnexB#split} and {@link Avcc#split}; valid as long as
 * that buffer is not changed.
 */
public final class NalUnits {
    private final byte[] buffer;
    private final int[] offsets;
    private final int[] lengths;
    private final int count;

    NalUnits(byte[] buffer, int[] offsets, int[] lengths, int count) {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = count;
    }

    /** NAL units over explicit arrays (each one whole), e.g. parameter sets from a configuration record. */
    public static NalUnits of(byte[]... nalUnits) {
        int total = 0;
        for (byte[] n : nalUnits) {
            total += n.length;
        }
        byte[] buf = new byte[total];
        int[] offs = new int[nalUnits.length];
        int[] lens = new int[nalUnits.length];
        int pos = 0;
        for (int i = 0; i < nalUnits.length; i++) {
            System.arraycopy(nalUnits[i], 0, buf, pos, nalUnits[i].length);
            offs[i] = pos;
            lens[i] = nalUnits[i].length;
            pos += lens[i];
        }
        return new NalUnits(buf, offs, lens, nalUnits.length);
    }

    public int count() {
        return count;
    }

    /** The shared backing buffer (not a copy: do not change it). */
    public byte[] buffer() {
        return buffer;
    }

    /** Index in {@link #buffer()} of the first byte (the NAL unit header) of unit {@code i}. */
    public int offset(int i) {
        return offsets[check(i)];
    }

    public int length(int i) {
        return lengths[check(i)];
    }

    /** The first header byte of unit {@code i}. */
    public byte header(int i) {
        return buffer[offsets[check(i)]];
    }

    /** A copy of unit {@code i}. */
    public byte[] copy(int i) {
        return Arrays.copyOfRange(buffer, offset(i), offset(i) + length(i));
    }

    /** Total bytes of all units (without any start codes or length prefixes). */
    public long payloadBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += lengths[i];
        }
        return n;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("NAL unit " + i + " of " + count);
        }
        return i;
    }
}
