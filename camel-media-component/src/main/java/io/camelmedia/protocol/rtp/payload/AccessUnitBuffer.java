package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.h264.H264;

import java.util.Arrays;

/**
 * The access unit under reassembly, in AVCC form with 4-byte lengths: whole NAL units are appended at
 * once, a fragmented one is opened, extended and closed. Growth stops at {@code maxFrameSize} bytes and
 * {@link H264#MAX_NAL_UNITS_PER_ACCESS_UNIT} units: the {@code append*} methods then return false and the
 * caller drops the frame.
 */
final class AccessUnitBuffer {
    private static final int LENGTH_SIZE = 4;
    private static final int INITIAL_CAPACITY = 16 * 1024;

    private final int maxFrameSize;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int size;
    private int nalCount;
    private int fragmentStart = -1;   // offset of the open fragment's length field, -1 when none

    AccessUnitBuffer(int maxFrameSize) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean fragmentOpen() {
        return fragmentStart >= 0;
    }

    int nalCount() {
        return nalCount;
    }

    /** Appends one whole NAL unit from {@code packet payload[from, from+len)}; false when over a limit. */
    boolean appendNal(io.camelmedia.protocol.rtp.RtpPacket packet, int from, int len) {
        if (!reserve(LENGTH_SIZE + len) || nalCount == H264.MAX_NAL_UNITS_PER_ACCESS_UNIT) {
            return false;
        }
        writeLength(size, len);
        packet.copyPayload(from, buf, size + LENGTH_SIZE, len);
        size += LENGTH_SIZE + len;
        nalCount++;
        return true;
    }

    /** Opens a fragmented NAL unit whose reconstructed header is {@code header}; false when over a limit. */
    boolean openFragment(byte[] header) {
        if (!reserve(LENGTH_SIZE + header.length) || nalCount == H264.MAX_NAL_UNITS_PER_ACCESS_UNIT) {
            return false;
        }
        fragmentStart = size;
        System.arraycopy(header, 0, buf, size + LENGTH_SIZE, header.length);
        size += LENGTH_SIZE + header.length;
        return true;
    }

    /** Appends fragment bytes to the open NAL unit; false when over a limit. */
    boolean appendFragment(io.camelmedia.protocol.rtp.RtpPacket packet, int from, int len) {
        if (!reserve(len)) {
            return false;
        }
        packet.copyPayload(from, buf, size, len);
        size += len;
        return true;
    }

    /** Closes the open fragment: its length is written and it counts as a NAL unit. */
    void closeFragment() {
        writeLength(fragmentStart, size - fragmentStart - LENGTH_SIZE);
        fragmentStart = -1;
        nalCount++;
    }

    /** The access unit so far (every fragment must be closed), and empties the buffer. */
    byte[] take() {
        byte[] out = Arrays.copyOf(buf, size);
        clear();
        return out;
    }

    void clear() {
        size = 0;
        nalCount = 0;
        fragmentStart = -1;
        if (buf.length > 4 * INITIAL_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];   // do not keep a huge key frame's buffer for every frame after
        }
    }

    /** The type byte (first header byte) of NAL unit {@code i} is found by walking the lengths. */
    byte headerOf(int i) {
        int p = 0;
        for (int n = 0; n < i; n++) {
            p += LENGTH_SIZE + readLength(p);
        }
        return buf[p + LENGTH_SIZE];
    }

    private boolean reserve(int n) {
        if ((long) size + n > maxFrameSize) {
            return false;
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxFrameSize, Math.max((long) buf.length * 2, size + n)));
        }
        return true;
    }

    private void writeLength(int at, int len) {
        buf[at] = (byte) (len >>> 24);
        buf[at + 1] = (byte) (len >>> 16);
        buf[at + 2] = (byte) (len >>> 8);
        buf[at + 3] = (byte) len;
    }

    private int readLength(int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }
}
