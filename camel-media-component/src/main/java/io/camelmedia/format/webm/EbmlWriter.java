package io.camelmedia.format.webm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds EBML (RFC 8794) into a growable array: element IDs (4: the ID bytes, marker included), data sizes
 * as variable-size integers (4: VINT_WIDTH leading zero bits, a VINT_MARKER bit, VINT_DATA; the shortest
 * width, since the all-ones value of each width is reserved for "unknown size", 6.2), and the element
 * types of 7: unsigned and signed integers (big-endian, fewest octets), floats (8 octets), strings
 * (ASCII/UTF-8), binary, and master elements whose size is the size of their children.
 */
final class EbmlWriter {
    /** 4.4: a VINT is 1 to 8 octets; VINT_DATA of an 8-octet VINT has 56 bits. */
    static final int MAX_VINT_LENGTH = 8;
    /** The largest data size a VINT can hold: 2^56 - 2 (2^56 - 1 is "unknown"). */
    static final long MAX_SIZE = (1L << 56) - 2;
    /** 6.2: the reserved all-ones 8-octet size, "unknown data size". */
    static final byte[] UNKNOWN_SIZE = {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF};

    private byte[] buf;
    private int pos;

    EbmlWriter() {
        this(256);
    }

    EbmlWriter(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return pos;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    void reset() {
        pos = 0;
    }

    /** The internal array (valid up to {@link #size()}). */
    byte[] array() {
        return buf;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    EbmlWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    EbmlWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    EbmlWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    /** An element ID: its bytes as written in the spec (1 to 4 of them). */
    EbmlWriter id(int id) {
        for (int i = idLength(id) - 1; i >= 0; i--) {
            u8(id >>> (8 * i));
        }
        return this;
    }

    static int idLength(int id) {
        if ((id & 0xFFFF_FF80) == 0x80) {
            return 1;
        }
        if ((id & 0xFFFF_C000) == 0x4000) {
            return 2;
        }
        if ((id & 0xFFE0_0000) == 0x20_0000) {
            return 3;
        }
        if ((id & 0xF000_0000) == 0x1000_0000) {
            return 4;
        }
        throw new WebmException("EBML: 0x" + Integer.toHexString(id) + " is not a valid element ID (RFC 8794 5)");
    }

    /** Octets of the shortest VINT holding {@code size} (not the reserved all-ones value of that width). */
    static int vintLength(long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new WebmException("EBML: data size " + size + " is outside [0, " + MAX_SIZE + "]");
        }
        int n = 1;
        while (size >= (1L << (7 * n)) - 1) {
            n++;
        }
        return n;
    }

    /** A data size as the shortest VINT. */
    EbmlWriter vint(long size) {
        return vint(size, vintLength(size));
    }

    /** A data size as a VINT of exactly {@code length} octets (for sizes patched later). */
    EbmlWriter vint(long size, int length) {
        if (length < vintLength(size) || length > MAX_VINT_LENGTH) {
            throw new WebmException("EBML: size " + size + " does not fit a " + length + "-octet VINT");
        }
        long v = size | (1L << (7 * length)); // the VINT_MARKER after length - 1 zero bits
        for (int i = length - 1; i >= 0; i--) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** 7.2 unsigned integer element, fewest octets (at least one). */
    EbmlWriter uint(int id, long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) {
            n++;
        }
        id(id).vint(n);
        for (int i = n - 1; i >= 0; i--) {
            u8((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** 7.1 signed integer element, two's complement, fewest octets. */
    EbmlWriter sint(int id, long value) {
        int n = 1;
        while (n < 8 && (value < -(1L << (8 * n - 1)) || value >= (1L << (8 * n - 1)))) {
            n++;
        }
        id(id).vint(n);
        for (int i = n - 1; i >= 0; i--) {
            u8((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** 7.3 float element, 8 octets (IEEE 754 binary64). */
    EbmlWriter float64(int id, double value) {
        id(id).vint(8);
        long bits = Double.doubleToLongBits(value);
        for (int i = 7; i >= 0; i--) {
            u8((int) (bits >>> (8 * i)));
        }
        return this;
    }

    /** 7.4 / 7.5 string / UTF-8 element. */
    EbmlWriter string(int id, String value) {
        return binary(id, value.getBytes(StandardCharsets.UTF_8));
    }

    /** 7.8 binary element. */
    EbmlWriter binary(int id, byte[] value) {
        return id(id).vint(value.length).bytes(value);
    }

    /** A master element (7.7) holding {@code children}'s bytes. */
    EbmlWriter master(int id, EbmlWriter children) {
        return id(id).vint(children.size()).bytes(children.buf, 0, children.pos);
    }

    /** A master element of unknown size (6.2), for a Segment or Cluster still being written. */
    EbmlWriter unknownSizeMaster(int id) {
        return id(id).bytes(UNKNOWN_SIZE);
    }

    /** A Void element (RFC 9559 / RFC 8794 11.3.2) of exactly {@code total} octets (at least 2). */
    EbmlWriter voidElement(int total) {
        if (total < 2) {
            throw new WebmException("EBML: a Void element needs at least 2 octets, not " + total);
        }
        int sizeLength = total - 1 > 127 ? (total - 1 > 16384 ? 3 : 2) : 1;
        int data = total - 1 - sizeLength;
        if (vintLength(data) > sizeLength) {
            sizeLength++;
            data--;
        }
        id(MatroskaIds.VOID).vint(data, sizeLength);
        ensure(data);
        Arrays.fill(buf, pos, pos + data, (byte) 0);
        pos += data;
        return this;
    }
}
