package io.camelmedia.frame;

/**
 * The codecs a {@link Track} can carry. Closed set: a codec is added here when some part of the project
 * can carry it; an input in any other codec is refused by the protocol that meets it.
 */
public enum Codec {
    H264(MediaType.VIDEO, 90_000, "avc1"),
    H265(MediaType.VIDEO, 90_000, "hvc1"),
    AV1(MediaType.VIDEO, 90_000, "av01"),
    VP8(MediaType.VIDEO, 90_000, "vp08"),
    VP9(MediaType.VIDEO, 90_000, "vp09"),
    AAC(MediaType.AUDIO, 0, "mp4a"),
    OPUS(MediaType.AUDIO, 48_000, "Opus"),
    MP3(MediaType.AUDIO, 0, ".mp3"),
    PCMU(MediaType.AUDIO, 8_000, "ulaw"),
    PCMA(MediaType.AUDIO, 8_000, "alaw"),
    G722(MediaType.AUDIO, 8_000, "g722"),
    L16(MediaType.AUDIO, 0, "lpcm"),
    DATA(MediaType.DATA, 1_000, "data");

    private final MediaType mediaType;
    private final int defaultClockRate;
    private final String fourCc;

    Codec(MediaType mediaType, int defaultClockRate, String fourCc) {
        this.mediaType = mediaType;
        this.defaultClockRate = defaultClockRate;
        this.fourCc = fourCc;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The clock rate this codec always uses, or 0 when it is the sample rate (AAC, MP3, L16). */
    public int defaultClockRate() {
        return defaultClockRate;
    }

    /** The ISO BMFF sample entry / FourCC naming this codec (as Enhanced RTMP and MP4 use). */
    public String fourCc() {
        return fourCc;
    }

    /** True for codecs whose access units are sequences of NAL units (H.264, H.265). */
    public boolean isNalBased() {
        return this == H264 || this == H265;
    }
}
