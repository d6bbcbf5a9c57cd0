package io.camelmedia.frame;

/**
 * How the NAL units of an H.264 / H.265 access unit are delimited in a frame's payload.
 * Other codecs carry {@link #RAW}.
 */
public enum BitstreamFormat {
    /** NAL units each preceded by a 4-byte big-endian length (ISO/IEC 14496-15, as in FLV and MP4). */
    AVCC,
    /** NAL units each preceded by a start code 00 00 00 01 (ITU-T H.264 Annex B, as in MPEG-TS). */
    ANNEX_B,
    /** Not a NAL-unit codec: the payload is the codec's own frame (AV1 temporal unit, VP9 frame, AAC raw, Opus packet). */
    RAW
}
