package io.camelmedia.format.flv;

import io.camelmedia.frame.Codec;

/**
 * AudioFourCc (Enhanced RTMP v2, "Enhanced Audio", enum AudioFourCc): the codec of an ExAudioTagHeader.
 * onMetaData's {@code audiocodecid} carries the same number (ffmpeg 8: 'Opus' = 1332770163).
 */
final class AudioFourCc {
    static final int OPUS = VideoFourCc.fourCc("Opus");
    static final int MP4A = VideoFourCc.fourCc("mp4a");
    static final int MP3 = VideoFourCc.fourCc(".mp3");
    /** Defined by the spec, not carried by us (no {@link Codec} for them yet). */
    static final int FLAC = VideoFourCc.fourCc("fLaC");
    static final int AC3 = VideoFourCc.fourCc("ac-3");
    static final int EAC3 = VideoFourCc.fourCc("ec-3");

    private AudioFourCc() {
    }

    /** The codec a FourCC names, or {@code null} when we do not carry it. */
    static Codec codec(int fourCc) {
        if (fourCc == OPUS) {
            return Codec.OPUS;
        } else if (fourCc == MP4A) {
            return Codec.AAC;
        } else if (fourCc == MP3) {
            return Codec.MP3;
        }
        return null;
    }
}
