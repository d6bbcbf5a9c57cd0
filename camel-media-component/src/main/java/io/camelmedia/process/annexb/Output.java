package io.camelmedia.process.annexb;

/**
 * Where a conversion writes: in a counting pass {@code buf} is null and only the size grows (as ffmpeg's
 * two-pass bitstream filters do), in the copying pass the bytes land in {@code buf}.
 */
final class Output {
    final byte[] buf;
    int size;

    Output(byte[] buf) {
        this.buf = buf;
    }

    /** Appends a start code of {@code length} (0, 3 or 4) bytes. */
    void startCode(int length) {
        if (buf != null && length > 0) {
            int p = size;
            for (int i = 0; i < length - 1; i++) {
                buf[p++] = 0;
            }
            buf[p] = 1;
        }
        size += length;
    }

    void bytes(byte[] src, int offset, int length) {
        if (buf != null) {
            System.arraycopy(src, offset, buf, size, length);
        }
        size += length;
    }
}
