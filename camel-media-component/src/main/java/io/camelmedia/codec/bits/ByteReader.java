package io.camelmedia.codec.bits;

import java.util.Objects;

/**
 * A big-endian cursor over {@code buf[offset, offset+length)} for byte-aligned records (avcC, hvcC,
 * vpcC, av1C, OpusHead...). A caller checks a group of fields once with {@link #require}, then reads them;
 * every read is still bounds-checked, so a missed {@code require} is a {@code CodecException}, never an
 * {@code IndexOutOfBoundsException}. Offsets in messages are relative to {@code offset}.
 */
public final class ByteReader {
    private final String structure;
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    public ByteReader(String structure, byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        this.structure = structure;
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Fails unless {@code n} more bytes are there for {@code field}. */
    public void require(int n, String field) {
        if (n < 0 || n > end - pos) {
            throw Errors.truncated(structure, field, n, end - pos, position(), buf, pos);
        }
    }

    public int u8(String field) {
        require(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) {
        require(2, field);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u24(String field) {
        require(3, field);
        int v = ((buf[pos] & 0xFF) << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    public long u32(String field) {
        require(4, field);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Little-endian 16 bits (OpusHead, RFC 7845). */
    public int u16le(String field) {
        require(2, field);
        int v = (buf[pos] & 0xFF) | ((buf[pos + 1] & 0xFF) << 8);
        pos += 2;
        return v;
    }

    /** Little-endian 32 bits (OpusHead, RFC 7845). */
    public long u32le(String field) {
        require(4, field);
        long v = (buf[pos] & 0xFF) | ((buf[pos + 1] & 0xFF) << 8) | ((buf[pos + 2] & 0xFF) << 16)
                | ((long) (buf[pos + 3] & 0xFF) << 24);
        pos += 4;
        return v;
    }

    /** Big-endian 48 bits. */
    public long u48(String field) {
        require(6, field);
        long v = (u32(field) << 16);
        return v | u16(field);
    }

    /** A copy of the next {@code n} bytes. */
    public byte[] bytes(int n, String field) {
        require(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n, String field) {
        require(n, field);
        pos += n;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return end - pos;
    }

    /** The offset of the next byte, relative to where this reader started. */
    public int position() {
        return pos - start;
    }

    /** The absolute index of the next byte in the backing array. */
    public int absolutePosition() {
        return pos;
    }

    public byte[] array() {
        return buf;
    }

    public String structure() {
        return structure;
    }

    /** A {@link CodecException} about {@code field} at the current position. */
    public io.camelmedia.codec.CodecException invalid(String field, long value, String why) {
        return Errors.invalid(structure, field, value, why, position());
    }

    /** Fails when {@code value > limit}; returns value. */
    public int checkLimit(String field, int value, int limit) {
        if (value > limit) {
            throw Errors.limit(structure, field, value, limit, position());
        }
        return value;
    }
}
