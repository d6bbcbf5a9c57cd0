package io.camelmedia.format.ogg;

/**
 * The page checksum of RFC 3533 6 ("CRC_checksum"): a 32-bit CRC with generator polynomial 0x04c11db7,
 * initial value 0, no reflection of input or output and no final XOR, computed over the whole page with
 * the checksum field set to zero. (Not the reflected CRC-32 of zlib/Ethernet: same polynomial, other
 * bit order.) Table-driven, one byte at a time; the table is computed here, not copied.
 */
public final class OggCrc {
    /** RFC 3533 6: "generator polynomial 0x04c11db7". */
    public static final int POLYNOMIAL = 0x04c11db7;
    private static final int[] TABLE = table();

    private OggCrc() {
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ POLYNOMIAL : r << 1;
            }
            t[i] = r;
        }
        return t;
    }

    /** Continues {@code crc} over {@code buf[offset, offset+length)}. Start with 0. */
    public static int update(int crc, byte[] buf, int offset, int length) {
        int c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = (c << 8) ^ TABLE[((c >>> 24) ^ buf[i]) & 0xFF];
        }
        return c;
    }

    public static int of(byte[] buf, int offset, int length) {
        return update(0, buf, offset, length);
    }
}
