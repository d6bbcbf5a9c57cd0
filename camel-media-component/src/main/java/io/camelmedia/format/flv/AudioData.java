package io.camelmedia.format.flv;

/**
 * AUDIODATA (Adobe FLV v10.1, annex E.4.2.1; Enhanced RTMP v2 "Enhanced Audio"): the body of an audio tag or
 * RTMP audio message (type 8). SoundFormat 9 (ExHeader) chooses the {@link ExAudioTagHeader}; any other
 * value is the legacy {@link AudioTagHeader}.
 */
public final class AudioData {
    private AudioData() {
    }

    /**
     * Reads what the body {@code b[offset, offset + length)} carries; the returned packet points into {@code b}.
     *
     * @throws FlvException when the header is malformed, or names a codec we do not carry
     */
    public static FlvMediaPacket decode(byte[] b, int offset, int length) {
        int end = VideoData.checkedEnd(b, offset, length);
        FlvBytes.require(b, offset, end, offset, 1, "AUDIODATA", "the first header byte");
        if (AudioTagHeader.soundFormat(FlvBytes.u8(b, offset)) == AudioTagHeader.SOUND_FORMAT_EX_HEADER) {
            return ExAudioTagHeader.decode(b, offset, end);
        }
        return AudioTagHeader.decode(b, offset, end);
    }
}
