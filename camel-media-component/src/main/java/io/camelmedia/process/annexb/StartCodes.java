package io.camelmedia.process.annexb;

/** Which start codes {@link AnnexbConverter#toAnnexB} writes for H.264. */
public enum StartCodes {
    /** {@code 00 00 00 01} before every NAL unit: simplest for downstream parsers. */
    FOUR_BYTE,
    /**
     * Byte-identical to ffmpeg's {@code h264_mp4toannexb}: 4 bytes before the first NAL unit of the access
     * unit and before parameter sets (where ITU-T H.264 B.1.2 requires the zero_byte), 3 bytes elsewhere.
     * H.265 always gets 4-byte start codes, as {@code hevc_mp4toannexb} writes.
     */
    FFMPEG
}
