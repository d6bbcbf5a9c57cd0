package io.camelmedia.format.flv;

/**
 * VIDEODATA (Adobe FLV v10.1, annex E.4.3.1; Enhanced RTMP v2 "Enhanced Video"): the body of a video tag or
 * RTMP video message (type 9). Bit 7 of the first byte, IsExHeader, chooses between the legacy
 * {@link VideoTagHeader} and the {@link ExVideoTagHeader}.
 */
public final class VideoData {
    private VideoData() {
    }

    /**
     * Reads what the body {@code b[offset, offset + length)} carries; the returned packet points into {@code b}.
     *
     * @throws FlvException when the header is malformed, or names a codec we do not carry
     */
    public static FlvMediaPacket decode(byte[] b, int offset, int length) {
        int end = checkedEnd(b, offset, length);
        FlvBytes.require(b, offset, end, offset, 1, "VIDEODATA", "the first header byte");
        if (ExVideoTagHeader.isExHeader(FlvBytes.u8(b, offset))) {
            return ExVideoTagHeader.decode(b, offset, end);
        }
        return VideoTagHeader.decode(b, offset, end);
    }

    static int checkedEnd(byte[] b, int offset, int length) {
        if (offset < 0 || length < 0 || offset > b.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length
                    + ") outside an array of " + b.length);
        }
        return offset + length;
    }
}
