package io.camelmedia.format.mpegts;

/**
 * The CRC_32 of PSI sections (ITU-T H.222.0 Annex A): polynomial 0x04C11DB7, initial value 0xFFFFFFFF,
 * bits processed most significant first, no final XOR, so that the CRC over a whole section including its
 * CRC_32 field is zero. Table driven, one byte per step.
 */
public final class Crc32Mpeg2 {
    private static final int POLYNOMIAL = 0x04C11DB7;
    private static final int[] TABLE = table();

    private Crc32Mpeg2() {
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ POLYNOMIAL : c << 1;
            }
            t[i] = c;
        }
        return t;
    }

    /** The CRC_32 of {@code buf[offset, offset+length)}. */
    public static int of(byte[] buf, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        int crc = 0xFFFF_FFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ buf[i]) & 0xFF];
        }
        return crc;
    }
}
