package io.camelmedia.format.flv;

import java.util.HexFormat;

/**
 * Big-endian reads over a byte array for the FLV structures (Adobe FLV v10.1, E.2 "The FLV File Format":
 * all integers are big-endian; SI24 is a signed 24-bit two's-complement value). Callers check a field group
 * once with {@link #require} and then read unchecked.
 */
final class FlvBytes {
    /** How many bytes a message quotes from the offending place. */
    private static final int HEX_SNIPPET_BYTES = 16;

    private FlvBytes() {
    }

    /**
     * Checks that {@code need} bytes are there from {@code pos} (relative to the body start {@code start}).
     *
     * @throws FlvException naming the structure and field group that does not fit
     */
    static void require(byte[] b, int start, int end, int pos, int need, String structure, String fields) {
        if (end - pos < need) {
            throw new FlvException(structure + ": " + fields + " needs " + need + " bytes at offset " + (pos - start)
                    + " but the body has only " + Math.max(0, end - pos) + " left (body " + hex(b, start, end) + ")");
        }
    }

    static int u8(byte[] b, int pos) {
        return b[pos] & 0xFF;
    }

    static int u16(byte[] b, int pos) {
        return (u8(b, pos) << 8) | u8(b, pos + 1);
    }

    static int u24(byte[] b, int pos) {
        return (u8(b, pos) << 16) | (u8(b, pos + 1) << 8) | u8(b, pos + 2);
    }

    /** SI24: a 24-bit two's-complement value, sign-extended. */
    static int si24(byte[] b, int pos) {
        return (u24(b, pos) << 8) >> 8;
    }

    static long u32(byte[] b, int pos) {
        return ((long) u16(b, pos) << 16) | u16(b, pos + 2);
    }

    /** The four bytes at {@code pos} as one big-endian int, the way FourCCs are compared. */
    static int fourCc(byte[] b, int pos) {
        return (u16(b, pos) << 16) | u16(b, pos + 2);
    }

    /** A FourCC as its four characters, non-printable bytes as {@code \xNN}. */
    static String fourCcText(int fourCc) {
        StringBuilder sb = new StringBuilder("'");
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (fourCc >>> shift) & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }

    /** Up to {@value #HEX_SNIPPET_BYTES} bytes from {@code from} as hex, for error messages. */
    static String hex(byte[] b, int from, int end) {
        int n = Math.max(0, Math.min(HEX_SNIPPET_BYTES, end - from));
        return HexFormat.of().formatHex(b, from, from + n) + (end - from > n ? "..." : "");
    }
}
