package io.camelmedia.format.webm;

/**
 * The picture size in a VP8 key frame's uncompressed header (RFC 6386 9.1): a 3-byte frame tag whose bit 0
 * is 0 for a key frame, the start code 0x9D 0x01 0x2A, then horizontal and vertical size as 16-bit
 * little-endian fields of 14 bits of size and 2 bits of scale. WebM needs PixelWidth/PixelHeight, and an
 * RTP-borne VP8 track knows its size only from here.
 */
final class Vp8KeyFrameSize {
    private static final int HEADER = 10;

    private Vp8KeyFrameSize() {
    }

    /** {width, height} of a key frame, or null when {@code frame} is not a well-formed VP8 key frame. */
    static int[] of(byte[] frame) {
        if (frame.length < HEADER || (frame[0] & 0x01) != 0) {
            return null;
        }
        if ((frame[3] & 0xFF) != 0x9D || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2A) {
            return null;
        }
        int width = ((frame[7] & 0x3F) << 8) | (frame[6] & 0xFF);
        int height = ((frame[9] & 0x3F) << 8) | (frame[8] & 0xFF);
        return width > 0 && height > 0 ? new int[] {width, height} : null;
    }
}
