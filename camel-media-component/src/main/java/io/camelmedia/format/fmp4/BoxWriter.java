package io.camelmedia.format.fmp4;

import java.nio.charset.StandardCharsets;

/**
 * Writes big-endian box fields into one pre-sized array (ISO/IEC 14496-12 4.2: all fields are big-endian).
 * Every box computes its size first, so the array is allocated once with the exact length and nothing is
 * copied afterwards; {@link #finish()} checks that the sizes and the writes agreed.
 */
public final class BoxWriter {
    /** Bytes of a box header: size(32) type(32) (ISO/IEC 14496-12 4.2, no largesize: boxes stay under 4 GiB). */
    public static final int HEADER = 8;
    /** Bytes of a FullBox header: box header plus version(8) flags(24). */
    public static final int FULL_HEADER = 12;

    private final byte[] buf;
    private int pos;

    public BoxWriter(int size) {
        this.buf = new byte[size];
    }

    /** The box header {@code size type}. */
    public BoxWriter header(int size, String type) {
        return u32(size).fourCc(type);
    }

    /** The FullBox header {@code size type version flags}. */
    public BoxWriter fullHeader(int size, String type, int version, int flags) {
        return header(size, type).u8(version).u24(flags);
    }

    public BoxWriter u8(int v) {
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u24(int v) {
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u32(long v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    /** A four-character code (ISO/IEC 14496-12 4.2: type is four printable characters). */
    public BoxWriter fourCc(String code) {
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) code.charAt(i);
        }
        return this;
    }

    public BoxWriter zeros(int n) {
        pos += n; // the array starts zeroed and every byte is written once
        return this;
    }

    public BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BoxWriter bytes(byte[] b, int offset, int length) {
        System.arraycopy(b, offset, buf, pos, length);
        pos += length;
        return this;
    }

    /** A null-terminated UTF-8 string (as hdlr's name). */
    public BoxWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0);
    }

    /** The underlying array, for writers that fill a range themselves; advance with {@link #skip}. */
    public byte[] array() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public void skip(int n) {
        pos += n;
    }

    /** The written array; fails when the pre-computed size and the writes differ (a bug, not bad input). */
    public byte[] finish() {
        if (pos != buf.length) {
            throw new IllegalStateException("box sizes and writes disagree: wrote " + pos + " of " + buf.length);
        }
        return buf;
    }
}
