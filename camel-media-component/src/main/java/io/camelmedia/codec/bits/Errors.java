package io.camelmedia.codec.bits;

import io.camelmedia.codec.CodecException;

/**
 * Builds the one exception of the codec package with the structure, field, value, limit and offset it
 * is about, plus a short hex snippet of the bytes there, so a log line alone says what was wrong.
 */
public final class Errors {
    /** Bytes of context shown after the offset in a message. */
    private static final int SNIPPET_BYTES = 8;

    private Errors() {
    }

    /** "Structure: field value exceeds limit at offset N". */
    public static CodecException limit(String structure, String field, long value, long limit, int offset) {
        return new CodecException(structure + ": " + field + " " + value + " exceeds the limit " + limit
                + " at offset " + offset);
    }

    /** "Structure: field needs N bytes but only M are left at offset K [hex]". */
    public static CodecException truncated(String structure, String field, long needed, long left, int offset,
                                           byte[] buf, int absolute) {
        return new CodecException(structure + ": " + field + " needs " + needed + " bytes but only " + left
                + " are left at offset " + offset + hex(buf, absolute, left));
    }

    /** "Structure: field value is invalid (why) at offset N". */
    public static CodecException invalid(String structure, String field, long value, String why, int offset) {
        return new CodecException(structure + ": " + field + " " + value + " is invalid (" + why + ") at offset "
                + offset);
    }

    static String hex(byte[] buf, int from, long available) {
        if (buf == null || from < 0 || from >= buf.length || available <= 0) {
            return "";
        }
        int n = (int) Math.min(Math.min(SNIPPET_BYTES, available), buf.length - from);
        StringBuilder sb = new StringBuilder(" [");
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((buf[from + i] >> 4) & 0xF, 16)).append(Character.forDigit(buf[from + i] & 0xF, 16));
        }
        return sb.append(']').toString();
    }
}
