package io.camelmedia.codec.bits;

/**
 * emulation_prevention_three_byte (ITU-T H.264 7.3.1 / 7.4.1, H.265 7.3.1.1): inside a NAL unit, every
 * {@code 00 00 03} hides a {@code 00 00 0x} (x &lt;= 3) of the RBSP. These methods turn a NAL unit's
 * payload into its RBSP and back.
 */
public final class EmulationPrevention {
    private EmulationPrevention() {
    }

    /** The RBSP of {@code nal[offset, offset+length)}: every 0x03 that follows two zero bytes removed. */
    public static byte[] remove(byte[] nal, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = b;
        }
        return n == length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The NAL unit payload for {@code rbsp}: a 0x03 inserted wherever two zero bytes precede 0x00..0x03. */
    public static byte[] insert(byte[] rbsp, int offset, int length) {
        byte[] out = new byte[length + length / 2 + 1];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = rbsp[i];
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                out[n++] = 3;
                zeros = 0;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = b;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
