package io.camelmedia.format.flv;

import io.camelmedia.frame.Codec;

/**
 * VideoFourCc (Enhanced RTMP v2, "Enhanced Video", enum VideoFourCc): the codec of an ExVideoTagHeader,
 * a FourCC read as a big-endian UI32. onMetaData's {@code videocodecid} carries the same number for
 * enhanced codecs (ffmpeg 8 writes the FourCC as an AMF number, e.g. 'hvc1' = 1752589105).
 */
final class VideoFourCc {
    static final int AVC1 = fourCc("avc1");
    static final int HVC1 = fourCc("hvc1");
    static final int AV01 = fourCc("av01");
    static final int VP09 = fourCc("vp09");
    static final int VP08 = fourCc("vp08");

    private VideoFourCc() {
    }

    /** The codec a FourCC names, or {@code null} when we do not carry it. */
    static Codec codec(int fourCc) {
        if (fourCc == AVC1) {
            return Codec.H264;
        } else if (fourCc == HVC1) {
            return Codec.H265;
        } else if (fourCc == AV01) {
            return Codec.AV1;
        } else if (fourCc == VP09) {
            return Codec.VP9;
        } else if (fourCc == VP08) {
            return Codec.VP8;
        }
        return null;
    }

    /** True when CodedFrames carries an SI24 CompositionTime before the data (avc1 and hvc1 only). */
    static boolean hasCompositionTime(int fourCc) {
        return fourCc == AVC1 || fourCc == HVC1;
    }

    static int fourCc(String text) {
        if (text.length() != 4) {
            throw new IllegalArgumentException("a FourCC has 4 characters: " + text);
        }
        return (text.charAt(0) << 24) | (text.charAt(1) << 16) | (text.charAt(2) << 8) | text.charAt(3);
    }
}
